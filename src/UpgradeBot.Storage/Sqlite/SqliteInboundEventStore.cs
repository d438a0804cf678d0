using System.Collections.Concurrent;
using Dapper;
using Microsoft.Data.Sqlite;
using UpgradeBot.Core.Inbound;

namespace UpgradeBot.Storage.Sqlite;

/// <summary>
/// Enqueues are group-committed: SQLite takes one writer at a time, and with one transaction per
/// event the concurrent ack requests queued on its file lock, whose busy handler sleeps 1, 2, 5,
/// 10… ms between tries. Here each request queues its row; whoever holds the writer gate next
/// inserts every queued row in one transaction, so a burst costs one commit and no lock sleeps.
/// The worker's updates take the same gate, so they never make a batch sleep on the lock either.
/// Behind the gate one connection with one prepared insert stays open: opening a pooled
/// connection and preparing the statement again for every batch cost as much as the inserts.
/// </summary>
public sealed class SqliteInboundEventStore(SqliteConnectionFactory database) : IInboundEventStore, IAsyncDisposable
{
    private readonly ConcurrentQueue<PendingInsert> _queued = new();
    private readonly SemaphoreSlim _writer = new(1, 1);
    private SqliteConnection? _connection;
    private SqliteCommand? _insert;

    public async Task<bool> TryEnqueueAsync(string platform, string eventId, string lane, string payload, DateTimeOffset receivedAt, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var insert = new PendingInsert(platform, eventId, lane, payload, receivedAt.ToUnixTimeMilliseconds());
        _queued.Enqueue(insert);
        // Not cancellable: once queued, the row may be committed by another request's batch, and a
        // batch must not fail because one of its requests went away.
        await _writer.WaitAsync(CancellationToken.None);
        try
        {
            if (!insert.Inserted.Task.IsCompleted)
            {
                await InsertQueuedAsync();
            }
        }
        finally
        {
            _writer.Release();
        }

        return await insert.Inserted.Task;
    }

    private async Task InsertQueuedAsync()
    {
        var batch = new List<PendingInsert>();
        while (_queued.TryDequeue(out var next))
        {
            batch.Add(next);
        }

        try
        {
            var connection = await WriterAsync();
            await using var transaction = connection.BeginTransaction();
            var insert = _insert!;
            insert.Transaction = transaction;
            var (platform, eventId, lane, payload, receivedAt) = (insert.Parameters[0], insert.Parameters[1], insert.Parameters[2], insert.Parameters[3], insert.Parameters[4]);
            var inserted = new bool[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                // Row by row, so the same id twice in one batch still reads as a retry the second time.
                platform.Value = batch[i].Platform;
                eventId.Value = batch[i].EventId;
                lane.Value = batch[i].Lane;
                payload.Value = batch[i].Payload;
                receivedAt.Value = batch[i].ReceivedAt;
                inserted[i] = await insert.ExecuteNonQueryAsync(CancellationToken.None) == 1;
            }

            await transaction.CommitAsync(CancellationToken.None);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Inserted.SetResult(inserted[i]);
            }
        }
        catch (Exception e)
        {
            await ResetWriterAsync();
            foreach (var insert in batch)
            {
                insert.Inserted.SetException(e);
            }
        }
    }

    /// <summary>The writer connection, opened on first use or after a failure; call only behind the gate.</summary>
    private async Task<SqliteConnection> WriterAsync()
    {
        if (_connection is not null)
        {
            return _connection;
        }

        var connection = await database.OpenAsync(CancellationToken.None);
        var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO inbound_events (platform, event_id, lane, payload, received_at, attempts, next_attempt_at)
            VALUES ($platform, $eventId, $lane, $payload, $receivedAt, 0, 0)
            ON CONFLICT (platform, event_id) DO NOTHING;
            """;
        insert.Parameters.Add("$platform", SqliteType.Text);
        insert.Parameters.Add("$eventId", SqliteType.Text);
        insert.Parameters.Add("$lane", SqliteType.Text);
        insert.Parameters.Add("$payload", SqliteType.Text);
        insert.Parameters.Add("$receivedAt", SqliteType.Integer);
        (_connection, _insert) = (connection, insert);
        return connection;
    }

    private async Task ResetWriterAsync()
    {
        if (_insert is not null)
        {
            await _insert.DisposeAsync();
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        (_connection, _insert) = (null, null);
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.WaitAsync();
        try
        {
            await ResetWriterAsync();
        }
        finally
        {
            _writer.Release();
        }
    }

    public async Task<IReadOnlyList<InboundEvent>> ClaimDueAsync(string platform, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default)
    {
        // SQLite reads a negative LIMIT as "no limit".
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var rows = await WithWriterAsync(async connection =>
        {
            // BEGIN IMMEDIATE: another process's claim waits for this one to commit, then sees its leases.
            await using var transaction = connection.BeginTransaction(deferred: false);
            var claimed = await new DbSession(connection, transaction, cancellationToken).QueryAsync<InboundEventRow>(
                $"""
                UPDATE inbound_events SET attempts = attempts + 1, next_attempt_at = @LeaseEnd
                WHERE platform = @Platform AND event_id IN (
                    SELECT e.event_id FROM inbound_events e
                    WHERE e.platform = @Platform AND e.processed_at IS NULL AND e.next_attempt_at <= @Now
                      AND NOT EXISTS (
                          SELECT 1 FROM inbound_events older
                          WHERE older.platform = e.platform AND older.lane = e.lane AND older.processed_at IS NULL
                            AND (older.received_at, older.event_id) < (e.received_at, e.event_id))
                    ORDER BY e.received_at, e.event_id
                    LIMIT @Max)
                RETURNING {InboundEventRow.Columns};
                """,
                new { Platform = platform, Now = now.ToUnixTimeMilliseconds(), LeaseEnd = (now + lease).ToUnixTimeMilliseconds(), Max = max });
            await transaction.CommitAsync(cancellationToken);
            return claimed;
        }, cancellationToken);
        return InboundEventRow.OldestFirst(rows);
    }

    public Task ReleaseAsync(string platform, string eventId, DateTimeOffset until, bool refundAttempt, CancellationToken cancellationToken = default) =>
        UpdateAsync(
            """
            UPDATE inbound_events
            SET next_attempt_at = @Until, attempts = CASE WHEN @Refund = 1 AND attempts > 0 THEN attempts - 1 ELSE attempts END
            WHERE platform = @Platform AND event_id = @EventId AND processed_at IS NULL;
            """,
            new { Platform = platform, EventId = eventId, Until = until.ToUnixTimeMilliseconds(), Refund = refundAttempt ? 1 : 0 },
            cancellationToken);

    public Task MarkProcessedAsync(string platform, string eventId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        // The first completion time stands: a late duplicate worker must not move it.
        UpdateAsync(
            "UPDATE inbound_events SET processed_at = COALESCE(processed_at, @At) WHERE platform = @Platform AND event_id = @EventId;",
            new { Platform = platform, EventId = eventId, At = at.ToUnixTimeMilliseconds() },
            cancellationToken);

    public async Task<bool> IsProcessedAsync(string platform, string eventId, CancellationToken cancellationToken = default) =>
        await database.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM inbound_events WHERE platform = @Platform AND event_id = @EventId AND processed_at IS NOT NULL;",
            new { Platform = platform, EventId = eventId },
            cancellationToken) > 0;

    public async Task<InboundQueueStats> StatsAsync(string platform, CancellationToken cancellationToken = default) =>
        (await database.QuerySingleOrDefaultAsync<QueueStatsRow>(
            "SELECT COUNT(*) AS Pending, MIN(received_at) AS Oldest FROM inbound_events WHERE platform = @Platform AND processed_at IS NULL;",
            new { Platform = platform },
            cancellationToken))!.ToStats();

    private Task UpdateAsync(string sql, object parameters, CancellationToken cancellationToken) =>
        WithWriterAsync(connection => connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>One write behind the writer gate, so it waits its turn instead of sleeping on SQLite's lock.</summary>
    private async Task<T> WithWriterAsync<T>(Func<SqliteConnection, Task<T>> write, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            return await write(await WriterAsync());
        }
        catch (SqliteException)
        {
            await ResetWriterAsync();
            throw;
        }
        finally
        {
            _writer.Release();
        }
    }

    private sealed class PendingInsert(string platform, string eventId, string lane, string payload, long receivedAt)
    {
        public string Platform { get; } = platform;
        public string EventId { get; } = eventId;
        public string Lane { get; } = lane;
        public string Payload { get; } = payload;
        public long ReceivedAt { get; } = receivedAt;

        /// <summary>Completed by the batch that commits the row; continuations leave the writer's thread.</summary>
        public TaskCompletionSource<bool> Inserted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
