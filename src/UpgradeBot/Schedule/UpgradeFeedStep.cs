using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Schedule.Feed;

namespace UpgradeBot.Schedule;

/// <summary>
/// Polls the status page feed every <c>UpgradeFeed:PollInterval</c> and applies each new answer to the
/// upgrade windows through <see cref="UpgradeScheduleEditor"/>, waking the announcement outbox when
/// anything changed. A failed poll (unreachable, timeout, HTTP error, malformed answer) changes
/// nothing: the last good schedule stands, the health check says degraded, the failure metric counts
/// it, and a warning names the problem once, not on every poll while it lasts. Maintenances skipped
/// for bad fields, and windows an admin took over, are warned about once each in the same way.
/// </summary>
public sealed partial class UpgradeFeedStep(
    UpgradeFeedClient client,
    UpgradeScheduleEditor editor,
    AnnouncementOutbox announcements,
    UpgradeFeedHealth health,
    UpgradeFeedMetrics metrics,
    IOptions<UpgradeFeedOptions> options,
    ILogger<UpgradeFeedStep> logger) : IBackgroundStep
{
    private readonly UpgradeFeedFilter _filter = UpgradeFeedFilter.From(options.Value, UpgradeFeedOptions.Section, new List<string>())
        ?? throw new InvalidOperationException("UpgradeFeed settings were not validated.");

    private FeedValidators? _validators;
    private string? _problem;
    private HashSet<string> _warned = new(StringComparer.Ordinal);

    public string Name => "upgrade-feed";

    /// <summary>Without <c>UpgradeFeed:Url</c> the loop never wakes the step.</summary>
    public TimeSpan PollInterval => IsOn ? options.Value.PollInterval : Timeout.InfiniteTimeSpan;

    public WorkSignal? Signal => null;

    private bool IsOn => !string.IsNullOrWhiteSpace(options.Value.Url);

    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (!IsOn)
        {
            return false;
        }

        var fetched = await client.FetchAsync(_validators, cancellationToken).ConfigureAwait(false);
        if (fetched is FeedFetch.Failed failed)
        {
            Fail(failed.Reason, failed.Problem);
        }
        else if (fetched is not FeedFetch.Fresh fresh)
        {
            Answered();
        }
        else if (!StatusPageFeed.TryRead(fresh.Body, _filter, out var reading, out var malformed))
        {
            Fail("malformed", malformed!);
        }
        else
        {
            var applied = await editor.ApplyFeedAsync(reading, cancellationToken).ConfigureAwait(false);
            if (applied.Changed.Count > 0)
            {
                announcements.Replan();
            }

            WarnOnce(reading.Problems.Select(p => p.Message)
                .Concat(applied.AdminOwned.Select(id => $"upgrade {id} was taken over through the admin API; the status page's changes to it are not applied")));
            // Kept only once applied: a poll whose changes did not reach the store must not be answered 304 next time.
            _validators = fresh.Validators;
            Answered();
        }

        return false;
    }

    private void Fail(string reason, string problem)
    {
        metrics.Failed(reason);
        health.Failed(problem);
        if (problem != _problem)
        {
            LogFailed(problem);
            _problem = problem;
        }
    }

    private void Answered()
    {
        health.Answered();
        if (_problem is not null)
        {
            LogRecovered(_problem);
            _problem = null;
        }
    }

    /// <summary>Warns about each problem the first time it is seen; one that goes away and comes back is warned about again.</summary>
    private void WarnOnce(IEnumerable<string> problems)
    {
        var now = new HashSet<string>(problems, StringComparer.Ordinal);
        foreach (var problem in now.Where(p => !_warned.Contains(p)))
        {
            LogSkipped(problem);
        }

        _warned = now;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The status page feed {Problem}; the upgrade windows stay as they were until a poll succeeds")]
    private partial void LogFailed(string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "The status page feed answers again (it {Problem} before)")]
    private partial void LogRecovered(string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Status page feed: {Problem}; skipped, the rest of the feed still applies")]
    private partial void LogSkipped(string problem);
}
