using System.Text.RegularExpressions;

namespace UpgradeBot.Slack.Inbound;

/// <summary>Slack's message text as the user meant it.</summary>
internal static partial class SlackText
{
    /// <summary>
    /// The question as the user typed it: mentions of users (the bot's own <c>&lt;@U…&gt;</c>) removed,
    /// and Slack's escaping of &amp;, &lt; and &gt; undone.
    /// </summary>
    public static string Plain(string? slackText) =>
        Mention().Replace(slackText ?? string.Empty, " ")
            .Replace("&lt;", "<", StringComparison.Ordinal)
            .Replace("&gt;", ">", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal)
            .Trim();

    [GeneratedRegex(@"<@[UW][A-Z0-9]+(\|[^>]*)?>", RegexOptions.CultureInvariant)]
    private static partial Regex Mention();
}
