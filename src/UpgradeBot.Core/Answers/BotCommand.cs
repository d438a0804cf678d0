namespace UpgradeBot.Core.Answers;

/// <summary>The few words that are commands in every conversation; anything else is a question.</summary>
public static class BotCommand
{
    public static IReadOnlyList<(string Name, string Description)> All { get; } =
    [
        ("help", "what I can do"),
        ("status", "the current or next upgrade"),
        ("subscribe", "post upgrade announcements in this conversation"),
        ("unsubscribe", "stop upgrade announcements here"),
        ("settings", "your organization's deployment type, customer account and support contact"),
    ];

    /// <summary>An empty message (a bare @mention, a lone "?") asks for help.</summary>
    public static BotCommandKind Parse(string text) =>
        text.Trim().TrimStart('/').TrimEnd('.', '!', '?').Trim().ToLowerInvariant() switch
        {
            "help" or "commands" or "" => BotCommandKind.Help,
            "status" => BotCommandKind.Status,
            "subscribe" => BotCommandKind.Subscribe,
            "unsubscribe" => BotCommandKind.Unsubscribe,
            "settings" => BotCommandKind.Settings,
            _ => BotCommandKind.Question,
        };
}
