namespace UpgradeBot.Core.Messaging;

/// <summary>
/// <see cref="IRateLimiter"/> for one process (SQLite, a single instance), on the injected clock: per
/// key a <see cref="SlidingLog"/> of the sends booked, the end of a 429's pause and its
/// <see cref="AdaptiveRate"/>. Bookings older than their window and the measuring second are
/// dropped, so memory stays bounded by the sends of the last window of each key.
/// </summary>
public sealed class ProcessRateLimiter(TimeProvider time) : IRateLimiter
{
    private const int SweepEvery = 4096;

    private readonly Dictionary<string, List<DateTimeOffset>> _booked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _pausedUntil = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AdaptiveRate> _rates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _promised = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _sinceSweep;

    public ValueTask<RateReservation> ReserveAsync(IReadOnlyList<RateLimit> limits, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            SweepNow(now);
            var effective = new RateLimit[limits.Count];
            for (var i = 0; i < limits.Count; i++)
            {
                var rate = _rates.GetValueOrDefault(limits[i].Key, AdaptiveRate.Ceiling);
                if (rate.Probed(now) is var probed && probed != rate)
                {
                    _rates[limits[i].Key] = rate = probed;
                }

                effective[i] = rate.Apply(limits[i]);
                if (_booked.TryGetValue(limits[i].Key, out var booked))
                {
                    SlidingLog.Prune(booked, effective[i], now);
                }
            }

            Func<string, IReadOnlyList<DateTimeOffset>?> bookings = key => _booked.GetValueOrDefault(key);
            Func<string, DateTimeOffset?> paused = key => _pausedUntil.TryGetValue(key, out var until) ? until : null;
            var start = SlidingLog.Earliest(effective, bookings, paused, now);
            var wait = start - now;
            if (wait > maxWait)
            {
                var (comeBack, promises) = SlidingLog.Refuse(
                    effective, bookings, paused, key => _promised.TryGetValue(key, out var at) ? at : null, start, now, maxWait);
                foreach (var (key, promised) in promises)
                {
                    _promised[key] = promised;
                }

                return ValueTask.FromResult(new RateReservation(false, comeBack - now, comeBack, [.. promises.Select(p => p.Key)]));
            }

            foreach (var limit in limits)
            {
                if (!_booked.TryGetValue(limit.Key, out var booked))
                {
                    _booked[limit.Key] = booked = [];
                }

                SlidingLog.Book(booked, start);
            }

            return ValueTask.FromResult(new RateReservation(true, wait, start));
        }
    }

    public ValueTask ThrottledAsync(string pausedKey, TimeSpan retryAfter, RateLimit slowed, DateTimeOffset bookedAt, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var until = now + retryAfter;
            _pausedUntil[pausedKey] = _pausedUntil.TryGetValue(pausedKey, out var paused) && paused > until ? paused : until;
            var booked = _booked.GetValueOrDefault(slowed.Key);
            _rates[slowed.Key] = _rates.GetValueOrDefault(slowed.Key, AdaptiveRate.Ceiling).Lowered(
                slowed, booked is null ? 0 : SlidingLog.SentBefore(booked, bookedAt), bookedAt, booked is { Count: > 0 } ? booked[^1] : null, now);
        }

        return ValueTask.CompletedTask;
    }

    private void SweepNow(DateTimeOffset now)
    {
        if (++_sinceSweep < SweepEvery)
        {
            return;
        }

        _sinceSweep = 0;
        // No window the platforms use is longer than an hour: a key whose last booking is older says nothing.
        var stale = now - TimeSpan.FromHours(1);
        foreach (var key in _booked.Where(p => p.Value.Count == 0 || p.Value[^1] < stale).Select(p => p.Key).ToList())
        {
            _booked.Remove(key);
        }

        foreach (var key in _pausedUntil.Where(p => p.Value < now).Select(p => p.Key).ToList())
        {
            _pausedUntil.Remove(key);
        }

        foreach (var key in _promised.Where(p => p.Value < now).Select(p => p.Key).ToList())
        {
            _promised.Remove(key);
        }

        foreach (var key in _rates.Where(p => p.Value.Scale >= 1).Select(p => p.Key).ToList())
        {
            _rates.Remove(key);
        }
    }
}
