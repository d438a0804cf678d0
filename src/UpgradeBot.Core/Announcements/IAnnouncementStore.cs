using UpgradeBot.Core.Subscriptions;

namespace UpgradeBot.Core.Announcements;

public enum AnnouncementState
{
    Pending,
    Sent,

    /// <summary>Given up: the channel refused for good, or transient failures ran out of attempts.</summary>
    Failed,

    /// <summary>Not sent because it no longer applies (window revised, cancelled or deleted; subscription gone).</summary>
    Dropped,
}

/// <summary>
/// Identifies one outbox row: what is said (<see cref="Kind"/>, and for phase-started the
/// <see cref="Phase"/> index, else 0) about which revision of a window to which conversation.
/// </summary>
public sealed record AnnouncementKey(string WindowId, AnnouncementKind Kind, int Phase, int Revision, ConversationKey Conversation);

/// <param name="DueAt">The moment it is about (a phase start, the reminder time), or when it was planned for scheduled, rescheduled and cancelled.</param>
/// <param name="Late">Planned well after <paramref name="DueAt"/> (downtime); the text says so.</param>
public sealed record PlannedAnnouncement(AnnouncementKey Key, DateTimeOffset DueAt, bool Late);

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

/// <summary>The announcement outbox: one row per <see cref="AnnouncementKey"/>, created before anything is sent.</summary>
public interface IAnnouncementStore
{
    /// <summary>Inserts the rows that do not exist yet, due now; existing rows stay as they are. Returns how many were new.</summary>
    Task<int> AddAsync(IReadOnlyCollection<PlannedAnnouncement> planned, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Every row, in any state, about these windows: what the planner must know was already said.</summary>
    Task<IReadOnlyList<AnnouncementRecord>> ListForWindowsAsync(IReadOnlyCollection<string> windowIds, CancellationToken cancellationToken = default);

    /// <summary>The rows about one window in one conversation, oldest first (to find the <c>started</c> post to thread under).</summary>
    Task<IReadOnlyList<AnnouncementRecord>> ListForConversationAsync(string windowId, ConversationKey conversation, CancellationToken cancellationToken = default);

    /// <summary>True when anything was ever planned about the window for any conversation.</summary>
    Task<bool> AnyForWindowAsync(string windowId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes up to <paramref name="max"/> pending rows due at <paramref name="now"/>, oldest first, and
    /// hides them from other claims for <paramref name="lease"/>: two dispatchers sharing the database
    /// do not send the same row, and a row whose sender died becomes due again when the lease ends.
    /// </summary>
    Task<IReadOnlyList<AnnouncementRecord>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default);

    Task MarkSentAsync(AnnouncementKey key, string? messageId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Counts a failed attempt and makes the row due again at <paramref name="retryAt"/>.</summary>
    Task MarkRetryAsync(AnnouncementKey key, string error, DateTimeOffset retryAt, CancellationToken cancellationToken = default);

    /// <summary>Ends the row as <see cref="AnnouncementState.Failed"/> or <see cref="AnnouncementState.Dropped"/>.</summary>
    Task MarkFinalAsync(AnnouncementKey key, AnnouncementState state, string error, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Makes the row due again at <paramref name="until"/> without counting an attempt (it waits for its thread's first post).</summary>
    Task PostponeAsync(AnnouncementKey key, DateTimeOffset until, CancellationToken cancellationToken = default);
}
