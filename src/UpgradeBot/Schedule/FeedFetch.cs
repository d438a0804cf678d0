namespace UpgradeBot.Schedule;

/// <summary>What one poll of the status page feed got: a new answer, "not modified", or a failure the step reports.</summary>
public abstract record FeedFetch
{
    public static FeedFetch NotModified { get; } = new Unchanged();

    /// <summary>A 2xx answer and the validators to send with the next poll.</summary>
    public sealed record Fresh(byte[] Body, FeedValidators Validators) : FeedFetch;

    /// <summary>304 Not Modified: the last answer still holds.</summary>
    public sealed record Unchanged : FeedFetch;

    /// <param name="Reason">A short stable tag for the failure metric: unreachable, timeout, http_status, too_large.</param>
    /// <param name="Problem">What went wrong, for the log and the health check; never the feed's address.</param>
    public sealed record Failed(string Reason, string Problem) : FeedFetch;
}
