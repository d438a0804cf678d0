namespace UpgradeBot.Core.Announcements;

/// <summary>
/// Identifies one outbox row: what is said (<see cref="Kind"/>, and for phase-started the
/// <see cref="Phase"/> index, else 0) about which revision of a window to which conversation.
/// </summary>
public sealed record AnnouncementKey(string WindowId, AnnouncementKind Kind, int Phase, int Revision, ConversationKey Conversation);
