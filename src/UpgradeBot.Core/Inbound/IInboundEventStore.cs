namespace UpgradeBot.Core.Inbound;

/// <summary>
/// A durable queue of inbound events that also remembers which ids it has seen. Events are claimed
/// with a lease, one lane at a time, so several workers (also in several processes sharing the
/// database) share the work fairly across conversations and keep each conversation's order.
/// </summary>
public interface IInboundEventStore
{
    /// <summary>
    /// Stores the event, due at once; false when an event with that id is already known (a platform
    /// retry). <paramref name="tenantId"/> is the customer it came from (empty when unknown), so it
    /// is shown and erased with the rest of that customer's data.
    /// </summary>
    Task<bool> TryEnqueueAsync(string platform, string tenantId, string eventId, string lane, string payload, DateTimeOffset receivedAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// As the overload above, but due only from <paramref name="dueAt"/> when it is given: the slot
    /// <see cref="InboundPacing"/> gave an event of a customer that is sending faster than it can be answered.
    /// </summary>
    Task<bool> TryEnqueueAsync(string platform, string tenantId, string eventId, string lane, string payload, DateTimeOffset receivedAt, DateTimeOffset? dueAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="max"/> events due at <paramref name="now"/>: per lane only its
    /// oldest unprocessed event, and only when that one is due (no live lease, not released to a
    /// later time), so a lane is handled one event at a time, in order, and a busy lane never takes
    /// more than one slot. Across lanes, new events first, then those released to the earliest time
    /// (oldest first among equals), so a lane put back by a rate limit waits its turn behind newer
    /// conversations instead of in front of them. Claiming counts an attempt and hides the event
    /// until <paramref name="now"/> + <paramref name="lease"/>: two workers never hold one event, and
    /// an event whose worker died is due again when the lease ends.
    /// </summary>
    Task<IReadOnlyList<InboundEvent>> ClaimDueAsync(string platform, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes a claimed event due again at <paramref name="until"/> (retry later, or "our own rate
    /// limiter says wait"); <paramref name="refundAttempt"/> gives back the attempt the claim counted
    /// (the event was not actually tried).
    /// </summary>
    Task ReleaseAsync(string platform, string eventId, DateTimeOffset until, bool refundAttempt, CancellationToken cancellationToken = default);

    /// <summary>Ends the event; its lane's next event is due from <paramref name="at"/>, behind the lanes that have waited longer.</summary>
    Task MarkProcessedAsync(string platform, string eventId, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task<bool> IsProcessedAsync(string platform, string eventId, CancellationToken cancellationToken = default);

    /// <summary>Queue depth and the oldest unprocessed event's receive time.</summary>
    Task<InboundQueueStats> StatsAsync(string platform, CancellationToken cancellationToken = default);
}
