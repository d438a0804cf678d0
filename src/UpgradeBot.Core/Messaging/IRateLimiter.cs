namespace UpgradeBot.Core.Messaging;

/// <summary>
/// Keeps sends inside the platforms' limits. Messengers ask it before every call ("rate limiting in
/// front of the call"); a caller that would have to wait long gets told how long instead, so it can
/// put the work back and serve other conversations meanwhile. Configured rates are ceilings: a 429
/// reported here lowers a key's rate (<see cref="AdaptiveRate"/>), and sending without one raises it again.
/// </summary>
public interface IRateLimiter
{
    /// <summary>
    /// Books one send under all <paramref name="limits"/> at once when the earliest moment they all
    /// allow is at most <paramref name="maxWait"/> away; otherwise books nothing.
    /// </summary>
    ValueTask<RateReservation> ReserveAsync(IReadOnlyList<RateLimit> limits, TimeSpan maxWait, CancellationToken cancellationToken = default);

    /// <summary>
    /// The platform answered 429 to the send booked at <paramref name="bookedAt"/>: nothing more is
    /// booked under <paramref name="pausedKey"/> until <paramref name="retryAfter"/> has passed, and
    /// <paramref name="slowed"/>'s key runs slower from now on, just below what the platform accepted.
    /// </summary>
    ValueTask ThrottledAsync(string pausedKey, TimeSpan retryAfter, RateLimit slowed, DateTimeOffset bookedAt, CancellationToken cancellationToken = default);
}
