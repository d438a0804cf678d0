namespace UpgradeBot.Core.Messaging;

/// <summary>
/// <see cref="IRateLimiter"/> for one process, on the injected clock: per key the send times booked
/// within the last window and ahead (a sliding log). A send takes the first moment at which every
/// window around it stays within its count, filling gaps, so a conversation that booked sends ahead
/// never holds up the others sharing its workspace or tenant. Bookings older than their window are
/// dropped, so memory stays bounded by the sends of the last window of each key.
/// </summary>
public sealed class ProcessRateLimiter(TimeProvider time) : IRateLimiter
{
    private const int SweepEvery = 4096;

    /// <summary>More rounds than limits ever need to agree; a bound so a pathological set cannot spin.</summary>
    private const int MaxRounds = 64;

    private readonly Dictionary<string, List<DateTimeOffset>> _booked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _pausedUntil = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _sinceSweep;

    public ValueTask<RateReservation> ReserveAsync(IReadOnlyList<RateLimit> limits, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            SweepNow(now);
            var start = now;
            for (var round = 0; round < MaxRounds; round++)
            {
                var moved = false;
                foreach (var limit in limits)
                {
                    var earliest = Earliest(limit, start, now);
                    if (earliest > start)
                    {
                        (start, moved) = (earliest, true);
                    }
                }

                if (!moved)
                {
                    break;
                }
            }

            var wait = start - now;
            if (wait > maxWait)
            {
                return ValueTask.FromResult(new RateReservation(false, wait));
            }

            foreach (var limit in limits)
            {
                Book(limit, start, now);
            }

            return ValueTask.FromResult(new RateReservation(true, wait));
        }
    }

    public ValueTask PauseAsync(string key, TimeSpan retryAfter, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var until = time.GetUtcNow() + retryAfter;
            _pausedUntil[key] = Later(_pausedUntil.GetValueOrDefault(key, until), until);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The first moment at or after <paramref name="start"/> at which <paramref name="limit"/> allows one more send.</summary>
    private DateTimeOffset Earliest(RateLimit limit, DateTimeOffset start, DateTimeOffset now)
    {
        if (_pausedUntil.TryGetValue(limit.Key, out var paused))
        {
            start = Later(start, paused);
        }

        if (!_booked.TryGetValue(limit.Key, out var booked))
        {
            return start;
        }

        Prune(booked, limit, now);
        var slot = start;
        while (!Fits(booked, limit, slot))
        {
            // The next moment anything changes: the first booking still inside the window leaves it.
            slot = booked[FirstAfter(booked, slot - limit.Window)] + limit.Window;
        }

        return slot;
    }

    /// <summary>True when a send at <paramref name="slot"/> keeps every window that contains it within the count.</summary>
    private static bool Fits(List<DateTimeOffset> booked, RateLimit limit, DateTimeOffset slot)
    {
        if (CountIn(booked, slot - limit.Window, slot) >= limit.Count)
        {
            return false;
        }

        for (var i = FirstAfter(booked, slot); i < booked.Count && booked[i] < slot + limit.Window; i++)
        {
            if (CountIn(booked, booked[i] - limit.Window, booked[i]) + 1 > limit.Count)
            {
                return false;
            }
        }

        return true;
    }

    private void Book(RateLimit limit, DateTimeOffset at, DateTimeOffset now)
    {
        if (!_booked.TryGetValue(limit.Key, out var booked))
        {
            _booked[limit.Key] = booked = [];
        }

        Prune(booked, limit, now);
        booked.Insert(FirstAfter(booked, at), at);
    }

    /// <summary>Bookings in (<paramref name="from"/>, <paramref name="to"/>].</summary>
    private static int CountIn(List<DateTimeOffset> booked, DateTimeOffset from, DateTimeOffset to) =>
        FirstAfter(booked, to) - FirstAfter(booked, from);

    /// <summary>The index of the first booking later than <paramref name="instant"/>.</summary>
    private static int FirstAfter(List<DateTimeOffset> booked, DateTimeOffset instant)
    {
        int low = 0, high = booked.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (booked[middle] <= instant)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static void Prune(List<DateTimeOffset> booked, RateLimit limit, DateTimeOffset now)
    {
        var expired = FirstAfter(booked, now - limit.Window);
        if (expired > 0)
        {
            booked.RemoveRange(0, expired);
        }
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
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
