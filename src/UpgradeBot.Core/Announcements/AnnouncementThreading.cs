namespace UpgradeBot.Core.Announcements;

/// <summary>
/// How the posts about one upgrade hang together in a conversation: the <c>started</c> post heads a
/// thread, later news replies in it, and the head is redrawn to show where the upgrade stands.
/// </summary>
public static class AnnouncementThreading
{
    /// <summary>Posted as replies in the thread of the started post, when there is one.</summary>
    public static bool RepliesInThread(AnnouncementKind kind) => kind is AnnouncementKind.PhaseStarted or AnnouncementKind.Completed;

    /// <summary>After these the started post is redrawn; the kinds that come before any start have none to redraw.</summary>
    public static bool UpdatesStartedPost(AnnouncementKind kind) =>
        kind is not (AnnouncementKind.Started or AnnouncementKind.Scheduled or AnnouncementKind.Reminder);
}
