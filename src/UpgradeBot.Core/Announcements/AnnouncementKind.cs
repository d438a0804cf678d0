namespace UpgradeBot.Core.Announcements;

public enum AnnouncementKind
{
    Scheduled,
    Reminder,
    Started,
    PhaseStarted,
    Completed,
    Rescheduled,
    Cancelled,
}
