using Microsoft.Data.Sqlite;

namespace UpgradeBot.Storage.Sqlite;

/// <summary>
/// SQLite takes one writer at a time. Every write here (enqueue batches, claims, completions) runs
/// behind the group-commit gate on one writer connection with one prepared insert that stays open:
/// the worker's writes then never make a batch sleep on the file lock, and opening a pooled
/// connection and preparing the statement again for every batch cost as much as the inserts.
/// </summary>
public sealed class SqliteInboundEventStore(SqliteConnectionFactory database) : InboundEventStore(database), IAsyncDisposable
{
    private SqliteConnection? _connection;
    private SqliteCommand? _insert;

    private protected override async Task<bool[]> InsertBatchAsync(IReadOnlyList<NewInboundEvent> batch)
    {
        try
        {
            var connection = await WriterAsync();
            await using var transaction = connection.BeginTransaction();
            var insert = _insert!;
            insert.Transaction = transaction;
            var (platform, tenantId, eventId, lane, payload, receivedAt, dueAt) =
                (insert.Parameters[0], insert.Parameters[1], insert.Parameters[2], insert.Parameters[3], insert.Parameters[4], insert.Parameters[5], insert.Parameters[6]);
            var inserted = new bool[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                // Row by row, so the same id twice in one batch still reads as a retry the second time.
                platform.Value = batch[i].Platform;
                tenantId.Value = batch[i].TenantId;
                eventId.Value = batch[i].EventId;
                lane.Value = batch[i].Lane;
                payload.Value = batch[i].Payload;
                receivedAt.Value = batch[i].ReceivedAt;
                dueAt.Value = batch[i].DueAt;
                inserted[i] = await insert.ExecuteNonQueryAsync(CancellationToken.None) == 1;
            }

            await transaction.CommitAsync(CancellationToken.None);
            return inserted;
        }
        catch
        {
            await ResetWriterAsync();
            throw;
        }
    }

    private protected override Task<T> WriteAsync<T>(Func<DbSession, Task<T>> work, CancellationToken cancellationToken) =>
        BetweenBatchesAsync(async () =>
        {
            try
            {
                // BEGIN IMMEDIATE: another process's claim waits for this one to commit, then sees its leases.
                var connection = await WriterAsync();
                await using var transaction = connection.BeginTransaction(deferred: false);
                var result = await work(new DbSession(connection, transaction, cancellationToken));
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (SqliteException)
            {
                await ResetWriterAsync();
                throw;
            }
        }, cancellationToken);

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
            INSERT INTO inbound_events (platform, tenant_id, event_id, lane, payload, received_at, attempts, next_attempt_at)
            VALUES ($platform, $tenantId, $eventId, $lane, $payload, $receivedAt, 0, $dueAt)
            ON CONFLICT (platform, event_id) DO NOTHING;
            """;
        insert.Parameters.Add("$platform", SqliteType.Text);
        insert.Parameters.Add("$tenantId", SqliteType.Text);
        insert.Parameters.Add("$eventId", SqliteType.Text);
        insert.Parameters.Add("$lane", SqliteType.Text);
        insert.Parameters.Add("$payload", SqliteType.Text);
        insert.Parameters.Add("$receivedAt", SqliteType.Integer);
        insert.Parameters.Add("$dueAt", SqliteType.Integer);
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

    public async ValueTask DisposeAsync() =>
        await BetweenBatchesAsync(async () =>
        {
            await ResetWriterAsync();
            return true;
        }, CancellationToken.None);
}
