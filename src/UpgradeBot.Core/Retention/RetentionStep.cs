using UpgradeBot.Core.Background;

namespace UpgradeBot.Core.Retention;

/// <summary>
/// Deletes what the retention rules let go, as a step of the background loop, every
/// <c>Retention:PruneInterval</c>: one batch per rule, one batch of one removed customer's data,
/// and (SQLite) some of the freed space given back. While more is waiting it goes on, but first
/// pauses as long as the last batch took, so the store is busy pruning at most half the time and
/// other writers always get their turn between batches.
/// </summary>
public sealed partial class RetentionStep(
    IRetentionStore store,
    ICustomerDataStore customers,
    RetentionPolicy policy,
    TimeProvider time,
    ILogger<RetentionStep> logger) : IBackgroundStep
{
    /// <summary>Rows per rule and transaction: a few milliseconds of work, whatever the backlog.</summary>
    public const int BatchSize = 500;

    private DateTimeOffset _resumeAt = DateTimeOffset.MinValue;
    private PrunedRows _series = PrunedRows.None;

    public string Name => "retention";

    public TimeSpan PollInterval => policy.PruneInterval;

    public WorkSignal Signal { get; } = new();

    WorkSignal? IBackgroundStep.Signal => Signal;

    /// <summary>One round of batches; true when more is waiting. Called again at once, it first waits out its pause (false, woken when it ends).</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now < _resumeAt)
        {
            Signal.WakeAt(_resumeAt, time);
            return false;
        }

        var started = time.GetTimestamp();
        var cutoffs = policy.At(now);
        var pruned = await store.PruneAsync(cutoffs, BatchSize, cancellationToken).ConfigureAwait(false);
        var erasing = await EraseOneRemovedAsync(cutoffs.CustomersRemovedBefore, cancellationToken).ConfigureAwait(false);
        var compacting = await store.CompactAsync(cancellationToken).ConfigureAwait(false);

        _series = _series.Plus(pruned);
        var more = pruned.AnyFull(BatchSize) || erasing || compacting;
        if (more)
        {
            _resumeAt = time.GetUtcNow() + time.GetElapsedTime(started);
        }
        else if (_series.Total > 0)
        {
            LogPruned(_series.EventPayloads, _series.EventIds, _series.Announcements, _series.Escalations);
            _series = PrunedRows.None;
        }

        return more;
    }

    /// <summary>One batch of the customer removed longest ago; true when there was something to erase.</summary>
    private async Task<bool> EraseOneRemovedAsync(DateTimeOffset removedBefore, CancellationToken cancellationToken)
    {
        var removed = await customers.ListRemovedAsync(removedBefore, 1, cancellationToken).ConfigureAwait(false);
        if (removed.Count == 0)
        {
            return false;
        }

        var customer = removed[0];
        var erased = await customers.EraseBatchAsync(customer, removedBefore, BatchSize, cancellationToken).ConfigureAwait(false);
        if (erased.Count > 0 && erased.Values.Sum() < BatchSize)
        {
            LogCustomerErased(customer.Platform, customer.Id);
        }

        return erased.Count > 0;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention deleted {EventPayloads} event payloads, {EventIds} event ids, {Announcements} announcements and {Escalations} escalations")]
    private partial void LogPruned(int eventPayloads, int eventIds, int announcements, int escalations);

    [LoggerMessage(Level = LogLevel.Information, Message = "Erased the data of {Platform} customer {CustomerId}, which removed the app longer ago than Retention:UninstalledWorkspaces")]
    private partial void LogCustomerErased(string platform, string customerId);
}
