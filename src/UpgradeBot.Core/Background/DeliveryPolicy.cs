namespace UpgradeBot.Core.Background;

/// <summary>
/// The one retry rule of the outboxes (escalations, announcements): what to do after a send, and
/// when to try again — when the platform said (its Retry-After), otherwise by exponential backoff
/// from <see cref="FirstRetryDelay"/>, capped, with jitter between half and all of it.
/// </summary>
public sealed record DeliveryPolicy(int MaxAttempts, TimeSpan FirstRetryDelay, TimeSpan MaxRetryDelay, TimeSpan PollInterval)
{
    public static DeliveryPolicy From(DeliveryOptions options) =>
        new(options.MaxAttempts, options.FirstRetryDelay, options.MaxRetryDelay, options.PollInterval);

    /// <summary>
    /// The next step for a row whose send number <paramref name="attempt"/> (1-based, counting this
    /// one) ended in <paramref name="result"/>. <paramref name="jitter"/> in [0, 1) spreads the retries of many rows.
    /// </summary>
    public DeliveryDecision Decide(SendResult result, int attempt, double jitter, DateTimeOffset now) => result switch
    {
        { Outcome: SendOutcome.Sent } => DeliveryDecision.Done,
        { Outcome: SendOutcome.Permanent } => DeliveryDecision.GiveUp,
        { Attempted: false } => DeliveryDecision.Wait(now + (result.RetryAfter ?? PollInterval)),
        _ when attempt >= MaxAttempts => DeliveryDecision.GiveUp,
        // A 429 names the moment the platform takes sends again; backing off further would leave the
        // post behind every other conversation of a fan-out, and the rate limiter already spaces the retry.
        { RetryAfter: { } asked } => DeliveryDecision.Retry(now + asked),
        _ => DeliveryDecision.Retry(now + RetryDelay(attempt, jitter)),
    };

    /// <summary>The delay after failed attempt number <paramref name="attempt"/> when the platform named no time.</summary>
    public TimeSpan RetryDelay(int attempt, double jitter)
    {
        var exponential = FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((capped / 2) + (capped / 2 * jitter));
    }
}
