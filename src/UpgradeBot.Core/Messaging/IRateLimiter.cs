namespace UpgradeBot.Core.Messaging;

/// <summary>
/// Keeps sends inside the platforms' limits. Messengers ask it before every call ("rate limiting in
/// front of the call"); a caller that would have to wait long gets told how long instead, so it can
/// put the work back and serve other conversations meanwhile.
/// </summary>
public interface IRateLimiter
{
    /// <summary>
    /// Books one send under all <paramref name="limits"/> at once when the earliest moment they all
    /// allow is at most <paramref name="maxWait"/> away; otherwise books nothing.
    /// </summary>
    ValueTask<RateReservation> ReserveAsync(IReadOnlyList<RateLimit> limits, TimeSpan maxWait, CancellationToken cancellationToken = default);

    /// <summary>The platform answered 429 for <paramref name="key"/>: nothing more is booked under it until <paramref name="retryAfter"/> has passed.</summary>
    ValueTask PauseAsync(string key, TimeSpan retryAfter, CancellationToken cancellationToken = default);
}
