using System.Globalization;
using System.Text;

namespace UpgradeBot.Core.Answers;

/// <summary>
/// A reply as plain text: the command-line answer, and the summary every chat message carries for
/// notifications and screen readers. Times are UTC here; the cards show each reader's local time.
/// </summary>
public static class ReplyText
{
    public static string Render(Reply reply)
    {
        var text = new StringBuilder();
        text.AppendLine(reply.Headline);
        if (!string.IsNullOrEmpty(reply.Explanation))
        {
            text.AppendLine().AppendLine(reply.Explanation);
        }

        for (var i = 0; i < reply.Steps.Count; i++)
        {
            if (i == 0)
            {
                text.AppendLine();
            }

            text.Append(CultureInfo.InvariantCulture, $"{i + 1}. {reply.Steps[i]}").AppendLine();
        }

        if (reply.DeploymentNote is not null)
        {
            text.AppendLine().AppendLine(reply.DeploymentNote);
        }

        if (reply.Upgrade is { } upgrade)
        {
            text.AppendLine()
                .Append(CultureInfo.InvariantCulture, $"{upgrade.Title}: {upgrade.Status.ToDisplay()}")
                .Append(upgrade.CurrentPhase is null ? string.Empty : $" ({upgrade.CurrentPhase})")
                .Append(CultureInfo.InvariantCulture, $", {Utc(upgrade.Start)} to {Utc(upgrade.End)}")
                .AppendLine();
            if (upgrade.StatusUrl is not null)
            {
                text.Append("Status page: ").AppendLine(upgrade.StatusUrl.ToString());
            }
        }

        if (reply.GraceDeadline is { } deadline)
        {
            text.Append("Should have settled by: ").AppendLine(Utc(deadline));
        }

        if (reply.CalendarUrl is { } calendar)
        {
            text.Append(CalendarFeedLink.Title).Append(": ").AppendLine(calendar.ToString());
        }

        if (reply.Receipt is { } receipt)
        {
            text.AppendLine().Append("Escalated as ").Append(receipt.Reference).Append(". ").AppendLine(receipt.WhatHappensNext);
        }
        else if (reply.EscalationOffered)
        {
            text.AppendLine().Append("You can escalate this to Customer Champions.").AppendLine();
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>The first line alone: what a notification shows.</summary>
    public static string Summary(Reply reply) =>
        reply.Receipt is { } receipt ? $"{reply.Headline} Escalated as {receipt.Reference}." : reply.Headline;

    /// <summary>An instant as UTC text, for readers whose client cannot show their own local time.</summary>
    public static string Utc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
