namespace UpgradeBot.Core.Answers;

public enum BotCommandKind
{
    Question,
    Help,
    Status,
    Subscribe,
    Unsubscribe,
    Settings,
}
