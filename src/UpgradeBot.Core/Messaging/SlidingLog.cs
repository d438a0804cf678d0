namespace UpgradeBot.Core.Messaging;

/// <summary>
/// The booking arithmetic every <see cref="IRateLimiter"/> shares: per key the send times booked
/// within the last window and ahead, sorted. A send takes the first moment at which every window
/// around it stays within its count, filling gaps, so a conversation that booked sends ahead never
/// holds up the others sharing its workspace or tenant.
/// </summary>
public static class SlidingLog
{
    /// <summary>
    /// History kept per key at least: what was sent in the second before a 429 is what the platform
    /// accepted, which is how an adaptive rate learns a cap the platform does not publish.
    /// </summary>
    public static readonly TimeSpan MeasureWindow = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long after its send a 429 may come back and still be measured against the sends before it:
    /// the platform answers after its latency, and a booking dropped before then would make it look as
    /// if the platform had accepted less than it did.
    /// </summary>
    public static readonly TimeSpan AnswerAllowance = TimeSpan.FromSeconds(5);

    /// <summary>More rounds than limits ever need to agree; a bound so a pathological set cannot spin.</summary>
    private const int MaxRounds = 64;

    /// <summary>
    /// The first moment at or after <paramref name="now"/> at which every limit allows one more send,
    /// given each key's bookings (<paramref name="booked"/>, sorted, null for none) and the moment
    /// until which a 429 paused it (<paramref name="pausedUntil"/>).
    /// </summary>
    public static DateTimeOffset Earliest(
        IReadOnlyList<RateLimit> limits, Func<string, IReadOnlyList<DateTimeOffset>?> booked, Func<string, DateTimeOffset?> pausedUntil, DateTimeOffset now)
    {
        var start = now;
        for (var round = 0; round < MaxRounds; round++)
        {
            var moved = false;
            foreach (var limit in limits)
            {
                var earliest = Earliest(limit, booked(limit.Key), pausedUntil(limit.Key), start);
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

        return start;
    }

    /// <summary>
    /// For a send that would wait longer than its caller allows: how long to come back after, and the
    /// new promise of each key that held it back. Callers turned away together are told successive
    /// slots (each key remembers the last one it promised), so they come back one by one at the
    /// key's rate instead of all at once to be turned away again.
    /// </summary>
    /// <param name="start">The earliest moment every limit allows now.</param>
    /// <param name="promised">Each key's last promised moment, null for none.</param>
    public static (DateTimeOffset ComeBackAt, IReadOnlyList<(string Key, DateTimeOffset Promised)> Promises) Refuse(
        IReadOnlyList<RateLimit> limits,
        Func<string, IReadOnlyList<DateTimeOffset>?> booked,
        Func<string, DateTimeOffset?> pausedUntil,
        Func<string, DateTimeOffset?> promised,
        DateTimeOffset start,
        DateTimeOffset now,
        TimeSpan maxWait)
    {
        var holding = limits.Where(l => Earliest([l], booked, pausedUntil, now) - now > maxWait).ToList();
        var comeBack = start;
        foreach (var limit in holding)
        {
            if (promised(limit.Key) is { } last && last > comeBack)
            {
                comeBack = last;
            }
        }

        return (comeBack, [.. holding.Select(l => (l.Key, comeBack + (l.Window / l.Count)))]);
    }

    /// <summary>Adds <paramref name="at"/> to <paramref name="booked"/>, keeping it sorted.</summary>
    public static void Book(List<DateTimeOffset> booked, DateTimeOffset at) => booked.Insert(FirstAfter(booked, at), at);

    /// <summary>How far back a key under <paramref name="limit"/> needs its bookings: its window, at least the measuring second.</summary>
    public static TimeSpan History(RateLimit limit) => limit.Window > MeasureWindow ? limit.Window : MeasureWindow;

    /// <summary>How long a key under <paramref name="limit"/> keeps its bookings: its <see cref="History"/>, and long enough to measure a late 429.</summary>
    public static TimeSpan Retention(RateLimit limit) => History(limit) > MeasureWindow + AnswerAllowance ? History(limit) : MeasureWindow + AnswerAllowance;

    /// <summary>Drops the bookings older than their <see cref="Retention"/>.</summary>
    public static void Prune(List<DateTimeOffset> booked, RateLimit limit, DateTimeOffset now)
    {
        var expired = FirstAfter(booked, now - Retention(limit));
        if (expired > 0)
        {
            booked.RemoveRange(0, expired);
        }
    }

    /// <summary>Sends booked in the <see cref="MeasureWindow"/> before <paramref name="instant"/>, that one excluded.</summary>
    public static int SentBefore(IReadOnlyList<DateTimeOffset> booked, DateTimeOffset instant) =>
        FirstAtOrAfter(booked, instant) - FirstAfter(booked, instant - MeasureWindow);

    private static DateTimeOffset Earliest(RateLimit limit, IReadOnlyList<DateTimeOffset>? booked, DateTimeOffset? paused, DateTimeOffset start)
    {
        if (paused > start)
        {
            start = paused.Value;
        }

        if (booked is null)
        {
            return start;
        }

        var slot = start;
        while (!Fits(booked, limit, slot))
        {
            // The next moment anything changes: the first booking still inside the window leaves it.
            slot = booked[FirstAfter(booked, slot - limit.Window)] + limit.Window;
        }

        return slot;
    }

    /// <summary>True when a send at <paramref name="slot"/> keeps every window that contains it within the count.</summary>
    private static bool Fits(IReadOnlyList<DateTimeOffset> booked, RateLimit limit, DateTimeOffset slot)
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

    /// <summary>Bookings in (<paramref name="from"/>, <paramref name="to"/>].</summary>
    private static int CountIn(IReadOnlyList<DateTimeOffset> booked, DateTimeOffset from, DateTimeOffset to) =>
        FirstAfter(booked, to) - FirstAfter(booked, from);

    /// <summary>The index of the first booking later than <paramref name="instant"/>.</summary>
    private static int FirstAfter(IReadOnlyList<DateTimeOffset> booked, DateTimeOffset instant)
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

    /// <summary>The index of the first booking at or later than <paramref name="instant"/>.</summary>
    private static int FirstAtOrAfter(IReadOnlyList<DateTimeOffset> booked, DateTimeOffset instant) =>
        FirstAfter(booked, instant - TimeSpan.FromTicks(1));
}
