using System.Data;
using Npgsql;
using UpgradeBot.Core.Messaging;

namespace UpgradeBot.Storage.Postgres;

/// <summary>
/// <see cref="IRateLimiter"/> for a fleet: the platforms' limits are the app's, not a process's, so
/// every instance books its sends in the database it shares with the others. A batch of bookings
/// locks the keys' rows (in key order, so two batches never deadlock), reads their sliding logs,
/// works out each slot with the same arithmetic as one process (<see cref="SlidingLog"/>) and writes
/// them: two round trips, and a slot booked by one instance is seen by the next one to ask. A 429 pauses and
/// slows a key for every instance at once (<see cref="AdaptiveRate"/>). Times come from each
/// instance's clock, so the instances' clocks should agree to a few milliseconds (NTP does).
/// </summary>
public sealed class PostgresRateLimiter : IRateLimiter
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

    private const string Insert = "INSERT INTO rate_bookings (key, at) SELECT * FROM unnest($1::text[], $2::bigint[]);";

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
    /// Bookings are sent in batches, one batch per lane at a time: a lane's callers queue while its
    /// batch is in the database and go together in the next one. A busy workspace's bookings all
    /// take its lane, so its row is locked once for many of them instead of once each, which is what
    /// held a fleet's biggest workspace below its cap (each booking holds the row for two round trips).
    /// Other workspaces take the other lanes and do not wait behind it.
    /// </summary>
    private const int Lanes = 8;

    private readonly PostgresDatabase _database;
    private readonly TimeProvider _time;
    private readonly GroupCommit<Booking, RateReservation>[] _lanes;
    private int _sinceSweep;

    public PostgresRateLimiter(PostgresDatabase database, TimeProvider time)
    {
        (_database, _time) = (database, time);
        // Not cancellable once sent: a batch answers callers other than the one that sent it.
        _lanes = [.. Enumerable.Range(0, Lanes).Select(_ => new GroupCommit<Booking, RateReservation>(batch => BookAsync(batch, CancellationToken.None)))];
    }

    public async ValueTask<RateReservation> ReserveAsync(IReadOnlyList<RateLimit> limits, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        // One limit per key (the strictest window kept), in key order: the order rows are locked in.
        var ceilings = limits.GroupBy(l => l.Key, StringComparer.Ordinal).Select(g => g.MaxBy(l => l.Window)!).OrderBy(l => l.Key, StringComparer.Ordinal).ToList();
        if (ceilings.Count == 0)
        {
            return new RateReservation(true, TimeSpan.Zero, _time.GetUtcNow());
        }

        // The lane of the fastest limit: the workspace's or tenant's, which its conversations share.
        var widest = ceilings.MaxBy(l => l.Count / l.Window.TotalSeconds)!;
        var lane = _lanes[(int)((uint)StringComparer.Ordinal.GetHashCode(widest.Key) % Lanes)];
        return await lane.AddAsync(new Booking(ceilings, maxWait), cancellationToken).ConfigureAwait(false);
    }

    private async Task<RateReservation[]> BookAsync(IReadOnlyList<Booking> requests, CancellationToken cancellationToken)
    {
        // The clock is read once the batch may go ahead: a wait for its turn must not make the slots it books stale.
        var now = _time.GetUtcNow();
        await SweepNowAsync(now, cancellationToken).ConfigureAwait(false);

        var ceilingOf = new SortedDictionary<string, RateLimit>(StringComparer.Ordinal);
        foreach (var limit in requests.SelectMany(r => r.Ceilings))
        {
            if (!ceilingOf.TryGetValue(limit.Key, out var kept) || limit.Window > kept.Window)
            {
                ceilingOf[limit.Key] = limit;
            }
        }

        var keys = ceilingOf.Keys.ToArray();

        // BEGIN and COMMIT travel in the batches: the keys stay locked for one round trip, not three.
        // A connection given back to the pool inside a transaction is rolled back by Npgsql.
        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var states = new Dictionary<string, KeyState>(StringComparer.Ordinal);
        var booked = keys.ToDictionary(k => k, _ => new List<DateTimeOffset>(), StringComparer.Ordinal);
        await using (var batch = new NpgsqlBatch(connection))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
            batch.BatchCommands.Add(Command(LockKeys, (object)keys));
            batch.BatchCommands.Add(Command(ReadBookings, keys, ceilingOf.Values.Select(l => Micros(l.Window)).ToArray(), Micros(now)));
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
                booked[reader.GetString(0)].Add(FromMicros(reader.GetFieldValue<long>(1)));
            }
        }

        // The requests are answered in the order they came, each seeing the slots booked and the
        // promises made for the ones before it, as if each had had the rows to itself.
        var rates = keys.ToDictionary(k => k, k => states[k].Rate.Probed(now), StringComparer.Ordinal);
        var promised = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var newBookings = new List<(string Key, long At)>();
        Func<string, IReadOnlyList<DateTimeOffset>?> bookings = key => booked[key];
        Func<string, DateTimeOffset?> paused = key => states[key].PausedUntil is var until and > 0 ? FromMicros(until) : null;
        Func<string, DateTimeOffset?> lastPromise = key =>
            promised.TryGetValue(key, out var at) ? at : states[key].PromisedUntil is var stored and > 0 ? FromMicros(stored) : null;
        var answers = new RateReservation[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            var effective = requests[i].Ceilings.Select(l => rates[l.Key].Apply(l)).ToList();
            // Whole microseconds, as stored: what is read back later is exactly what was booked.
            var start = FromMicros(CeilingMicros(SlidingLog.Earliest(effective, bookings, paused, now)));
            if (start - now > requests[i].MaxWait)
            {
                var (comeBack, promises) = SlidingLog.Refuse(effective, bookings, paused, lastPromise, start, now, requests[i].MaxWait);
                foreach (var (key, at) in promises)
                {
                    promised[key] = at;
                }

                answers[i] = new RateReservation(false, comeBack - now, comeBack, [.. promises.Select(p => p.Key)]);
                continue;
            }

            foreach (var limit in effective)
            {
                SlidingLog.Book(booked[limit.Key], start);
                newBookings.Add((limit.Key, Micros(start)));
            }

            answers[i] = new RateReservation(true, start - now, start);
        }

        await using (var batch = new NpgsqlBatch(connection))
        {
            var used = newBookings.Select(b => b.Key).Distinct(StringComparer.Ordinal).ToArray();
            if (used.Length > 0)
            {
                batch.BatchCommands.Add(Command(Prune, used, used.Select(k => Micros(now - SlidingLog.Retention(rates[k].Apply(ceilingOf[k])))).ToArray()));
                batch.BatchCommands.Add(Command(Insert, newBookings.Select(b => b.Key).ToArray(), newBookings.Select(b => b.At).ToArray()));
            }

            // A step up is kept only by a key that sent at the raised rate, as when each booking had its own transaction.
            var probed = used.Where(k => rates[k] != states[k].Rate).ToList();
            if (probed.Count > 0)
            {
                batch.BatchCommands.Add(Command(
                    SaveProbes,
                    probed.ToArray(),
                    probed.Select(k => rates[k].Scale).ToArray(),
                    probed.Select(k => Micros(rates[k].ProbedAt)).ToArray(),
                    probed.Select(k => rates[k].Probes).ToArray()));
            }

            if (promised.Count > 0)
            {
                batch.BatchCommands.Add(Command(Promise, promised.Keys.ToArray(), promised.Values.Select(CeilingMicros).ToArray()));
            }

            batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return answers;
    }

    public async ValueTask ThrottledAsync(string pausedKey, TimeSpan retryAfter, RateLimit slowed, DateTimeOffset bookedAt, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        string[] keys = [.. new[] { pausedKey, slowed.Key }.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
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

        await using var batch = _database.DataSource.CreateBatch();
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

    /// <summary>A send to book: its limits, one per key in key order, and how long it may wait.</summary>
    private sealed record Booking(IReadOnlyList<RateLimit> Ceilings, TimeSpan MaxWait);
}
