namespace UpgradeBot.Core.Schedule;

/// <summary>
/// Where admins subscribe to the upgrade calendar: the "Add to calendar" link that announcements, the
/// <c>status</c> answer and any other view of the schedule (such as the Slack App Home) offer. Its
/// <see cref="Url"/> is null when the feed is off or has no public address
/// (<c>Calendar:Feed:Enabled</c>, <c>Calendar:Feed:PublicUrl</c>): then no link is shown.
/// </summary>
public sealed record CalendarFeedLink(Uri? Url)
{
    /// <summary>The words of the link, the same wherever it is shown.</summary>
    public const string Title = "Add to calendar";

    public static CalendarFeedLink None { get; } = new((Uri?)null);
}
