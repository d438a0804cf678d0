using Npgsql;

namespace UpgradeBot.Storage.Postgres;

/// <summary>
/// A batch of enqueues is one INSERT over arrays (one round trip, one commit, whatever its size);
/// the worker's claims and updates run on pooled connections beside it, kept apart by row locks.
/// </summary>
public sealed class PostgresInboundEventStore(PostgresDatabase database) : InboundEventStore(database)
{
    private const string InsertBatch = """
        INSERT INTO inbound_events (platform, tenant_id, event_id, lane, payload, received_at, attempts, next_attempt_at)
        SELECT e.platform, e.tenant_id, e.event_id, e.lane, e.payload, e.received_at, 0, e.due_at
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[]) AS e (platform, tenant_id, event_id, lane, payload, received_at, due_at)
        ON CONFLICT (platform, event_id) DO NOTHING
        RETURNING platform, event_id;
        """;

    private protected override async Task<bool[]> InsertBatchAsync(IReadOnlyList<NewInboundEvent> batch)
    {
        await using var command = database.DataSource.CreateCommand(InsertBatch);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(e => e.Platform)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(e => e.TenantId)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(e => e.EventId)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(e => e.Lane)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(e => e.Payload)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. batch.Select(e => e.ReceivedAt)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. batch.Select(e => e.DueAt)] });

        var inserted = new HashSet<(string Platform, string EventId)>();
        await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
        {
            while (await reader.ReadAsync(CancellationToken.None))
            {
                inserted.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        // Removing as we go: the same id twice in one batch is new only the first time.
        return [.. batch.Select(e => inserted.Remove((e.Platform, e.EventId)))];
    }

    private protected override Task<T> WriteAsync<T>(Func<DbSession, Task<T>> work, CancellationToken cancellationToken) =>
        Database.WriteAsync(work, cancellationToken);
}
