namespace UpgradeBot.Core.Announcements;

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
