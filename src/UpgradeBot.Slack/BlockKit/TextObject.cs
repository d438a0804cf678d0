namespace UpgradeBot.Slack.BlockKit;

[JsonDerivedType(typeof(PlainText))]
[JsonDerivedType(typeof(MrkdwnText))]
public abstract record TextObject(string Text)
{
    public abstract string Type { get; }
}
