namespace UpgradeBot.Core.Announcements;

/// <summary>
/// A channel-neutral announcement; each platform renders it (Adaptive Card, Block Kit) with the
/// times in the reader's own time zone.
/// </summary>
/// <param name="Late">Set when it goes out after its time (catch-up after downtime): the text says so.</param>
/// <param name="Phases">All phases of the window, so a card can list the schedule.</param>
/// <param name="GraceDeadline">For <see cref="AnnouncementKind.Completed"/>: when symptoms should have settled.</param>
/// <param name="CalendarUrl">The "Add to calendar" link (<see cref="Schedule.CalendarFeedLink"/>), when there is one.</param>
public sealed record Announcement(
    AnnouncementKind Kind,
    string Headline,
    string Text,
    UpgradeSummary Upgrade,
    IReadOnlyList<UpgradePhase> Phases,
    DateTimeOffset? GraceDeadline,
    bool Late,
    Uri? CalendarUrl = null) : MessageContent;
