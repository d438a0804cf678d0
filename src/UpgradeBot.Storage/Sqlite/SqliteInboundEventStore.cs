using Dapper;
using UpgradeBot.Core.Inbound;

namespace UpgradeBot.Storage.Sqlite;

public sealed class SqliteInboundEventStore(SqliteConnectionFactory database) : IInboundEventStore
{
    public async Task<bool> TryEnqueueAsync(string platform, string eventId, string payload, DateTimeOffset receivedAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO inbound_events (platform, event_id, payload, received_at, attempts)
            VALUES (@Platform, @EventId, @Payload, @ReceivedAt, 0)
            ON CONFLICT (platform, event_id) DO NOTHING;
            """,
            new { Platform = platform, EventId = eventId, Payload = payload, ReceivedAt = receivedAt.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        return inserted == 1;
    }

    public async Task<IReadOnlyList<InboundEvent>> ListPendingAsync(string platform, int max, CancellationToken cancellationToken = default)
    {
        // SQLite reads a negative LIMIT as "no limit".
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<InboundEventRow>(new CommandDefinition("""
            SELECT platform AS Platform, event_id AS EventId, payload AS Payload, received_at AS ReceivedAt, attempts AS Attempts
            FROM inbound_events
            WHERE platform = @Platform AND processed_at IS NULL
            ORDER BY received_at, event_id
            LIMIT @Max;
            """,
            new { Platform = platform, Max = max },
            cancellationToken: cancellationToken));
        return rows.Select(r => new InboundEvent(r.Platform, r.EventId, r.Payload, DateTimeOffset.FromUnixTimeMilliseconds(r.ReceivedAt), (int)r.Attempts)).ToList();
    }

    public async Task RecordAttemptAsync(string platform, string eventId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE inbound_events SET attempts = attempts + 1 WHERE platform = @Platform AND event_id = @EventId;",
            new { Platform = platform, EventId = eventId },
            cancellationToken: cancellationToken));
    }

    public async Task MarkProcessedAsync(string platform, string eventId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // The first completion time stands: a late duplicate worker must not move it.
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE inbound_events SET processed_at = COALESCE(processed_at, @At) WHERE platform = @Platform AND event_id = @EventId;",
            new { Platform = platform, EventId = eventId, At = at.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
    }

    public async Task<bool> IsProcessedAsync(string platform, string eventId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var processed = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM inbound_events WHERE platform = @Platform AND event_id = @EventId AND processed_at IS NOT NULL;",
            new { Platform = platform, EventId = eventId },
            cancellationToken: cancellationToken));
        return processed > 0;
    }

    private sealed class InboundEventRow
    {
        public required string Platform { get; init; }
        public required string EventId { get; init; }
        public required string Payload { get; init; }
        public long ReceivedAt { get; init; }
        public long Attempts { get; init; }
    }
}
