namespace UpgradeBot.Core.Announcements;

/// <param name="DueAt">The moment it is about (a phase start, the reminder time), or when it was planned for scheduled, rescheduled and cancelled.</param>
/// <param name="Late">Planned well after <paramref name="DueAt"/> (downtime); the text says so.</param>
public sealed record PlannedAnnouncement(AnnouncementKey Key, DateTimeOffset DueAt, bool Late);
