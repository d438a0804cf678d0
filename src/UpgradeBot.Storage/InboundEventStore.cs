using UpgradeBot.Core.Inbound;

namespace UpgradeBot.Storage;

/// <summary>
/// The inbound queue on either provider. Enqueues are group-committed (<see cref="GroupCommit{T, TResult}"/>):
/// they are the Slack ack path, and a burst of acks must cost one commit, not one each. How a batch
/// is inserted, and where the worker's writes run, is the provider's part.
/// </summary>
public abstract class InboundEventStore : IInboundEventStore
{
    private readonly GroupCommit<NewInboundEvent, bool> _enqueues;
    private readonly string _claimSql;

    private protected InboundEventStore(StoreDatabase database)
    {
        Database = database;
        _enqueues = new GroupCommit<NewInboundEvent, bool>(InsertBatchAsync);
        // A lane's head is its oldest unprocessed event; only a due head is claimed, so a lane whose
        // head is leased or released to later waits as a whole. Heads are taken by when they became
        // due, so one put back by a rate limit does not stand in front of newer conversations.
        // The head is asked for as the lane's first row, not as "no older row": that form can only be
        // read from the lane index, where PostgreSQL, without fresh statistics in a burst, ran the
        // other one over every pending row of the platform (30 ms a claim against 0.6 ms).
        _claimSql = $"""
            UPDATE inbound_events SET attempts = attempts + 1, next_attempt_at = @LeaseEnd
            WHERE platform = @Platform AND event_id IN (
                SELECT e.event_id FROM inbound_events e
                WHERE e.platform = @Platform AND e.processed_at IS NULL AND e.next_attempt_at <= @Now
                  AND e.event_id = (
                      SELECT head.event_id FROM inbound_events head
                      WHERE head.platform = e.platform AND head.lane = e.lane AND head.processed_at IS NULL
                      ORDER BY head.received_at, head.event_id
                      LIMIT 1)
                ORDER BY e.next_attempt_at, e.received_at, e.event_id
                LIMIT @Max
                {database.SkipLocked})
            RETURNING {InboundEventRow.Columns};
            """;
    }

    private protected StoreDatabase Database { get; }

    public Task<bool> TryEnqueueAsync(string platform, string tenantId, string eventId, string lane, string payload, DateTimeOffset receivedAt, CancellationToken cancellationToken = default) =>
        TryEnqueueAsync(platform, tenantId, eventId, lane, payload, receivedAt, null, cancellationToken);

    // Due at once is stored as 0, not as the receive time: due whatever the claiming worker's clock says.
    public Task<bool> TryEnqueueAsync(string platform, string tenantId, string eventId, string lane, string payload, DateTimeOffset receivedAt, DateTimeOffset? dueAt, CancellationToken cancellationToken = default) =>
        _enqueues.AddAsync(new NewInboundEvent(platform, tenantId, eventId, lane, payload, receivedAt.ToUnixTimeMilliseconds(), dueAt?.ToUnixTimeMilliseconds() ?? 0), cancellationToken);

    public async Task<IReadOnlyList<InboundEvent>> ClaimDueAsync(string platform, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default)
    {
        // SQLite reads a negative LIMIT as "no limit" (PostgreSQL refuses it): refuse it here, alike for both.
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var rows = await WriteAsync(session => session.QueryAsync<InboundEventRow>(
            _claimSql,
            new { Platform = platform, Now = now.ToUnixTimeMilliseconds(), LeaseEnd = (now + lease).ToUnixTimeMilliseconds(), Max = max }), cancellationToken);
        return InboundEventRow.OldestFirst(rows);
    }

    public Task ReleaseAsync(string platform, string eventId, DateTimeOffset until, bool refundAttempt, CancellationToken cancellationToken = default) =>
        WriteAsync(session => session.ExecuteAsync(
            """
            UPDATE inbound_events
            SET next_attempt_at = @Until, attempts = CASE WHEN @Refund = 1 AND attempts > 0 THEN attempts - 1 ELSE attempts END
            WHERE platform = @Platform AND event_id = @EventId AND processed_at IS NULL;
            """,
            new { Platform = platform, EventId = eventId, Until = until.ToUnixTimeMilliseconds(), Refund = refundAttempt ? 1 : 0 }), cancellationToken);

    public Task MarkProcessedAsync(string platform, string eventId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        WriteAsync(async session =>
        {
            // The first completion time stands: a late duplicate worker must not move it.
            var lane = await session.QuerySingleOrDefaultAsync<string>(
                "UPDATE inbound_events SET processed_at = COALESCE(processed_at, @At) WHERE platform = @Platform AND event_id = @EventId RETURNING lane;",
                new { Platform = platform, EventId = eventId, At = at.ToUnixTimeMilliseconds() });

            // The lane just had its turn: its next event queues behind the conversations that have
            // waited since, so a busy channel is served in turn with the others, not ahead of them.
            return lane is null ? 0 : await session.ExecuteAsync(
                """
                UPDATE inbound_events SET next_attempt_at = CASE WHEN next_attempt_at < @At THEN @At ELSE next_attempt_at END
                WHERE platform = @Platform AND event_id = (
                    SELECT event_id FROM inbound_events
                    WHERE platform = @Platform AND lane = @Lane AND processed_at IS NULL
                    ORDER BY received_at, event_id
                    LIMIT 1);
                """,
                new { Platform = platform, Lane = lane, At = at.ToUnixTimeMilliseconds() });
        }, cancellationToken);

    public async Task<bool> IsProcessedAsync(string platform, string eventId, CancellationToken cancellationToken = default) =>
        await Database.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM inbound_events WHERE platform = @Platform AND event_id = @EventId AND processed_at IS NOT NULL);",
            new { Platform = platform, EventId = eventId },
            cancellationToken);

    public async Task<InboundQueueStats> StatsAsync(string platform, CancellationToken cancellationToken = default) =>
        (await Database.QuerySingleOrDefaultAsync<QueueStatsRow>(
            "SELECT COUNT(*) AS Pending, MIN(received_at) AS Oldest FROM inbound_events WHERE platform = @Platform AND processed_at IS NULL;",
            new { Platform = platform },
            cancellationToken))!.ToStats();

    /// <summary>
    /// Inserts the batch in one transaction and says, per event in order, whether it was new; an id
    /// twice in one batch is new only the first time. Called one batch at a time.
    /// </summary>
    private protected abstract Task<bool[]> InsertBatchAsync(IReadOnlyList<NewInboundEvent> batch);

    /// <summary>A claim or an update by a worker, in a write transaction.</summary>
    private protected abstract Task<T> WriteAsync<T>(Func<DbSession, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="work"/> between enqueue batches, never beside one.</summary>
    private protected Task<T> BetweenBatchesAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken) =>
        _enqueues.ExclusiveAsync(work, cancellationToken);
}
