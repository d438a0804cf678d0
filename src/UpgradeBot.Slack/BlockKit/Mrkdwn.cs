using System.Globalization;
using UpgradeBot.Core.Answers;

namespace UpgradeBot.Slack.BlockKit;

/// <summary>Slack's mrkdwn rules the renderer needs.</summary>
public static class Mrkdwn
{
    /// <summary>
    /// Slack reads &lt;…&gt; as links and mentions (<c>&lt;!channel&gt;</c> would ping everyone), so
    /// the three control characters are escaped in every text that is not ours.
    /// </summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>
    /// A time each reader sees in their own time zone: <c>&lt;!date^UNIX^{date_short_pretty} {time}|fallback&gt;</c>;
    /// the fallback (UTC) is for clients that cannot format it.
    /// </summary>
    public static string LocalTime(DateTimeOffset instant) =>
        $"<!date^{instant.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}^{{date_short_pretty}} {{time}}|{ReplyText.Utc(instant)}>";

    /// <summary>A link whose label is escaped; the URL must not contain '|' or '&gt;', which end Slack's link syntax.</summary>
    public static string Link(Uri url, string label) =>
        $"<{url.AbsoluteUri.Replace("|", "%7C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal)}|{Escape(label)}>";

    /// <summary>Cuts text to <paramref name="max"/> characters with an ellipsis, never inside a surrogate pair.</summary>
    public static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), "…");
    }

    /// <summary>
    /// Cuts escaped mrkdwn to <paramref name="max"/> characters without leaving half an entity
    /// (<c>&amp;am</c>) or half a <c>&lt;…&gt;</c> link or date at the end.
    /// </summary>
    public static string TruncateMarkup(string mrkdwn, int max)
    {
        if (mrkdwn.Length <= max)
        {
            return mrkdwn;
        }

        var cut = Truncate(mrkdwn, max)[..^1];
        var open = Math.Max(cut.LastIndexOf('&'), cut.LastIndexOf('<'));
        if (open >= 0 && cut.IndexOfAny([';', '>'], open) < 0)
        {
            cut = cut[..open];
        }

        return cut + "…";
    }
}
