namespace UpgradeBot.Core.Announcements;

/// <param name="CreatedAt">When the row was planned; the planner reads it to know what a channel was already told.</param>
/// <param name="MessageId">The platform's id of the posted message, kept for thread replies and updates of <c>started</c>.</param>
public sealed record AnnouncementRecord(
    AnnouncementKey Key,
    DateTimeOffset DueAt,
    DateTimeOffset CreatedAt,
    bool Late,
    AnnouncementState State,
    int Attempts,
    string? MessageId);
