namespace UpgradeBot.Core.Schedule.Feed;

/// <summary>
/// One maintenance of the feed as an upgrade window. <see cref="StartedEarly"/> and
/// <see cref="CompletedEarly"/> say that a time is the status page's report of the real start or end
/// rather than its plan: a move of such a time is news of the start or end, not a reschedule.
/// </summary>
public sealed record FeedWindow(UpgradeWindow Window, bool StartedEarly, bool CompletedEarly);
