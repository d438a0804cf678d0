namespace UpgradeBot.Core.Background;

/// <summary>
/// One kind of background work (an outbox, a queue, a feed), run by the host's one background loop.
/// The loop owns the schedule, the error policy and the logging; a step only does what is due now.
/// Tests call <see cref="RunOnceAsync"/> directly on a fake clock.
/// </summary>
public interface IBackgroundStep
{
    /// <summary>Names the step in logs.</summary>
    string Name { get; }

    /// <summary>How long the loop waits between runs when nothing wakes it earlier.</summary>
    TimeSpan PollInterval { get; }

    /// <summary>Pulsed by producers that queued work for this step; null when only the poll runs it.</summary>
    WorkSignal? Signal { get; }

    /// <summary>Does what is due now; true when more is waiting and the step should run again at once.</summary>
    Task<bool> RunOnceAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Completes when the work runs left going on their own has ended (a step that fills slots and
    /// returns without waiting for them). When the host stops, the loop waits for it as it does for
    /// a run under way, so a send in flight is recorded rather than sent again after the restart.
    /// </summary>
    Task WhenIdleAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
