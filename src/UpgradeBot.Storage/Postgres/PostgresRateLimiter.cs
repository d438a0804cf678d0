using System.Data;
using Npgsql;
using UpgradeBot.Core.Messaging;

namespace UpgradeBot.Storage.Postgres;

/// <summary>
/// <see cref="IRateLimiter"/> for a fleet: the platforms' limits are the app's, not a process's, so
/// every instance books its sends in the database it shares with the others. A booking locks the
/// keys' rows (in key order, so two bookings never deadlock), reads their sliding logs, works out
/// the slot with the same arithmetic as one process (<see cref="SlidingLog"/>) and writes it: two
/// round trips, and a slot booked by one instance is seen by the next one to ask. A 429 pauses and
/// slows a key for every instance at once (<see cref="AdaptiveRate"/>). Times come from each
/// instance's clock, so the instances' clocks should agree to a few milliseconds (NTP does).
/// </summary>
public sealed class PostgresRateLimiter(PostgresDatabase database, TimeProvider time) : IRateLimiter
{
    private const int SweepEvery = 4096;

    /// <summary>Creates missing keys and locks them all, in key order; returns their state.</summary>
    private const string LockKeys = """
        INSERT INTO rate_keys (key, paused_until, scale, lowered_at, probed_at, probes, promised_until)
        SELECT k, 0, 1, 0, 0, 0, 0 FROM unnest($1::text[]) AS k ORDER BY k
        ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key
        RETURNING key, paused_until, scale, lowered_at, probed_at, probes, promised_until;
        """;

    /// <summary>Each key's bookings its limit still needs: its window stretched by its scale, and those ahead.</summary>
    private const string ReadBookings = """
        SELECT b.key, b.at FROM rate_bookings b
        JOIN unnest($1::text[], $2::bigint[]) AS w (key, keep) ON w.key = b.key
        JOIN rate_keys k ON k.key = b.key
        WHERE b.at > $3 - (w.keep / k.scale)::bigint
        ORDER BY b.key, b.at;
        """;

    private const string Prune = """
        DELETE FROM rate_bookings b USING unnest($1::text[], $2::bigint[]) AS w (key, expired)
        WHERE b.key = w.key AND b.at <= w.expired;
        """;

    private const string Insert = "INSERT INTO rate_bookings (key, at) SELECT unnest($1::text[]), $2;";

    private const string SaveProbes = """
        UPDATE rate_keys k SET scale = u.scale, probed_at = u.probed_at, probes = u.probes
        FROM unnest($1::text[], $2::float8[], $3::bigint[], $4::int[]) AS u (key, scale, probed_at, probes)
        WHERE k.key = u.key;
        """;

    private const string Promise = """
        UPDATE rate_keys k SET promised_until = u.promised
        FROM unnest($1::text[], $2::bigint[]) AS u (key, promised)
        WHERE k.key = u.key;
        """;

    private const string CountSent = "SELECT count(*) FILTER (WHERE at >= $2 AND at < $3), max(at) FROM rate_bookings WHERE key = $1;";

    private const string Pause = "UPDATE rate_keys SET paused_until = GREATEST(paused_until, $2) WHERE key = $1;";

    private const string Lower = "UPDATE rate_keys SET scale = $2, lowered_at = $3, probed_at = $4, probes = $5 WHERE key = $1;";

    /// <summary>No window the platforms use is longer than an hour.</summary>
    private const string SweepBookings = "DELETE FROM rate_bookings WHERE at < $1;";

    /// <summary>A key at its full rate, not paused and with no bookings left holds nothing a fresh row would not.</summary>
    private const string SweepKeys = """
        DELETE FROM rate_keys k WHERE k.scale >= 1 AND k.paused_until < $1 AND k.promised_until < $1
            AND NOT EXISTS (SELECT 1 FROM rate_bookings b WHERE b.key = k.key);
        """;

    /// <summary>
    /// Bookings of one instance in the database at once. Bookings of a busy workspace queue on its
    /// row lock anyway; more of them waiting there would only hold connections the outboxes need.
    /// </summary>
    private readonly SemaphoreSlim _inDatabase = new(8);
    private int _sinceSweep;

    public async ValueTask<RateReservation> ReserveAsync(IReadOnlyList<RateLimit> limits, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        await _inDatabase.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await BookAsync(limits, maxWait, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _inDatabase.Release();
        }
    }

    private async Task<RateReservation> BookAsync(IReadOnlyList<RateLimit> limits, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        // The clock is read once the booking may go ahead: a wait for its turn must not make the slot it books stale.
        var now = time.GetUtcNow();
        await SweepNowAsync(now, cancellationToken).ConfigureAwait(false);

        // One limit per key (the strictest window kept), in key order: the order rows are locked in.
        var ceilings = limits.GroupBy(l => l.Key, StringComparer.Ordinal).Select(g => g.MaxBy(l => l.Window)!).OrderBy(l => l.Key, StringComparer.Ordinal).ToList();
        var keys = ceilings.Select(l => l.Key).ToArray();

        // BEGIN and COMMIT travel in the batches: the keys stay locked for one round trip, not three.
        // A connection given back to the pool inside a transaction is rolled back by Npgsql.
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var states = new Dictionary<string, KeyState>(StringComparer.Ordinal);
        var booked = new Dictionary<string, List<DateTimeOffset>>(StringComparer.Ordinal);
        await using (var batch = new NpgsqlBatch(connection))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
            batch.BatchCommands.Add(Command(LockKeys, (object)keys));
            batch.BatchCommands.Add(Command(ReadBookings, keys, ceilings.Select(l => Micros(l.Window)).ToArray(), Micros(now)));
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                states[reader.GetString(0)] = new KeyState(
                    reader.GetFieldValue<long>(1),
                    new AdaptiveRate(reader.GetDouble(2), FromMicros(reader.GetFieldValue<long>(3)), FromMicros(reader.GetFieldValue<long>(4)), reader.GetInt32(5)),
                    reader.GetFieldValue<long>(6));
            }

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var key = reader.GetString(0);
                if (!booked.TryGetValue(key, out var list))
                {
                    booked[key] = list = [];
                }

                list.Add(FromMicros(reader.GetFieldValue<long>(1)));
            }
        }

        var rates = ceilings.ToDictionary(l => l.Key, l => states[l.Key].Rate.Probed(now), StringComparer.Ordinal);
        var effective = ceilings.Select(l => rates[l.Key].Apply(l)).ToList();
        Func<string, IReadOnlyList<DateTimeOffset>?> bookings = key => booked.GetValueOrDefault(key);
        Func<string, DateTimeOffset?> paused = key => states[key].PausedUntil is var until and > 0 ? FromMicros(until) : null;
        // Whole microseconds, as stored: what is read back later is exactly what was booked.
        var start = FromMicros(CeilingMicros(SlidingLog.Earliest(effective, bookings, paused, now)));
        var wait = start - now;
        if (wait > maxWait)
        {
            var (comeBack, promises) = SlidingLog.Refuse(
                effective, bookings, paused, key => states[key].PromisedUntil is var at and > 0 ? FromMicros(at) : null, start, now, maxWait);
            await using var promise = new NpgsqlBatch(connection);
            if (promises.Count > 0)
            {
                promise.BatchCommands.Add(Command(Promise, promises.Select(p => p.Key).ToArray(), promises.Select(p => CeilingMicros(p.Promised)).ToArray()));
            }

            promise.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
            await promise.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new RateReservation(false, comeBack - now, comeBack, [.. promises.Select(p => p.Key)]);
        }

        await using (var batch = new NpgsqlBatch(connection))
        {
            batch.BatchCommands.Add(Command(Prune, keys, effective.Select(l => Micros(now - SlidingLog.Retention(l))).ToArray()));
            batch.BatchCommands.Add(Command(Insert, keys, Micros(start)));
            var probed = ceilings.Where(l => rates[l.Key] != states[l.Key].Rate).Select(l => (l.Key, Rate: rates[l.Key])).ToList();
            if (probed.Count > 0)
            {
                batch.BatchCommands.Add(Command(
                    SaveProbes,
                    probed.Select(p => p.Key).ToArray(),
                    probed.Select(p => p.Rate.Scale).ToArray(),
                    probed.Select(p => Micros(p.Rate.ProbedAt)).ToArray(),
                    probed.Select(p => p.Rate.Probes).ToArray()));
            }

            batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return new RateReservation(true, wait, start);
    }

    public async ValueTask ThrottledAsync(string pausedKey, TimeSpan retryAfter, RateLimit slowed, DateTimeOffset bookedAt, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        string[] keys = [.. new[] { pausedKey, slowed.Key }.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
        AdaptiveRate? rate = null;
        long sent;
        long? lastBooked;
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            batch.BatchCommands.Add(Command(LockKeys, (object)keys));
            batch.BatchCommands.Add(Command(CountSent, slowed.Key, Micros(bookedAt - SlidingLog.MeasureWindow), Micros(bookedAt)));
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (reader.GetString(0) == slowed.Key)
                {
                    rate = new AdaptiveRate(reader.GetDouble(2), FromMicros(reader.GetFieldValue<long>(3)), FromMicros(reader.GetFieldValue<long>(4)), reader.GetInt32(5));
                }
            }

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            sent = reader.GetInt64(0);
            lastBooked = reader.IsDBNull(1) ? null : reader.GetInt64(1);
        }

        var lowered = rate!.Lowered(slowed, (int)sent, bookedAt, lastBooked is { } last ? FromMicros(last) : null, now);
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            batch.BatchCommands.Add(Command(Pause, pausedKey, Micros(now + retryAfter)));
            if (lowered != rate)
            {
                batch.BatchCommands.Add(Command(Lower, slowed.Key, lowered.Scale, Micros(lowered.LoweredAt), Micros(lowered.ProbedAt), lowered.Probes));
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task SweepNowAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _sinceSweep) % SweepEvery != 0)
        {
            return;
        }

        await using var batch = database.DataSource.CreateBatch();
        batch.BatchCommands.Add(Command(SweepBookings, Micros(now - TimeSpan.FromHours(1))));
        batch.BatchCommands.Add(Command(SweepKeys, Micros(now)));
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A command with positional parameters; a lone array must be passed as <c>(object)array</c>, or it is taken for the parameter list.</summary>
    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static long Micros(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    private static long Micros(TimeSpan span) => span.Ticks / TimeSpan.TicksPerMicrosecond;

    private static long CeilingMicros(DateTimeOffset at) => (long)Math.Ceiling((at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (double)TimeSpan.TicksPerMicrosecond);

    private static DateTimeOffset FromMicros(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * TimeSpan.TicksPerMicrosecond);

    private sealed record KeyState(long PausedUntil, AdaptiveRate Rate, long PromisedUntil);
}
