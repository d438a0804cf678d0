using UpgradeBot.Core.Configuration;

namespace UpgradeBot.Core.Background;

/// <summary>
/// Retry timing shared by the escalation outbox, the announcement outbox and the Teams sender:
/// exponential backoff from <see cref="FirstRetryDelay"/>, capped, with jitter between half and all of it.
/// </summary>
public sealed record DeliveryPolicy(int MaxAttempts, TimeSpan FirstRetryDelay, TimeSpan MaxRetryDelay)
{
    public static DeliveryPolicy From(DeliveryOptions options) => new(options.MaxAttempts, options.FirstRetryDelay, options.MaxRetryDelay);

    /// <summary>The delay after failed attempt number <paramref name="attempt"/> (1-based); jitter spreads retries of many rows.</summary>
    public TimeSpan RetryDelay(int attempt, double jitter)
    {
        var exponential = FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((capped / 2) + (capped / 2 * jitter));
    }

    /// <summary>As above, but never sooner than the platform asked (a 429's <c>Retry-After</c>).</summary>
    public TimeSpan RetryDelay(int attempt, double jitter, TimeSpan? retryAfter)
    {
        var backoff = RetryDelay(attempt, jitter);
        return retryAfter is { } asked && asked > backoff ? asked : backoff;
    }
}
