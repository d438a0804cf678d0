namespace UpgradeBot.Background;

/// <summary>
/// The one background loop: runs every registered <see cref="IBackgroundStep"/> for the life of the
/// service, each on its own schedule — again at once while it reports more work, otherwise when its
/// signal is pulsed or its poll interval has passed. A step that throws is logged and tried again
/// after its poll interval, so a store hiccup never ends a step for the life of the process.
/// Steps start once the host has started, so after the store's migration.
/// </summary>
public sealed partial class BackgroundLoop(
    IEnumerable<IBackgroundStep> steps,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<BackgroundLoop> logger) : BackgroundService
{
    /// <summary>
    /// How long a run under way when the host stops may go on. Cancelling it mid-send would leave a
    /// post that reached the platform unrecorded, to be sent again after the restart.
    /// </summary>
    public static readonly TimeSpan FinishGrace = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Steps read the store: wait until every hosted service has started, the store's migration among them.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        // The grace is the process's own, on the wall clock: a test's fake clock must not hold up a shutdown.
        using var work = new CancellationTokenSource();
        using var finishing = stoppingToken.Register(() => work.CancelAfter(FinishGrace));
        await Task.WhenAll(steps.Select(step => Task.Run(() => RunAsync(step, stoppingToken, work.Token), CancellationToken.None))).ConfigureAwait(false);
    }

    private async Task RunAsync(IBackgroundStep step, CancellationToken stoppingToken, CancellationToken workToken)
    {
        try
        {
            await RunUntilStoppedAsync(step, stoppingToken, workToken).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                await step.WhenIdleAsync(workToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The grace is over: what is still going is cancelled with the host.
            }
        }
    }

    private async Task RunUntilStoppedAsync(IBackgroundStep step, CancellationToken stoppingToken, CancellationToken workToken)
    {
        var signal = step.Signal ?? new WorkSignal();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A run under way finishes; none starts once the host is stopping.
                while (await step.RunOnceAsync(workToken).ConfigureAwait(false) && !stoppingToken.IsCancellationRequested)
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogStepFailed(e, step.Name, step.PollInterval);
            }

            try
            {
                await signal.WaitAsync(step.PollInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Background step {Step} failed; trying again in {Delay}")]
    private partial void LogStepFailed(Exception exception, string step, TimeSpan delay);
}
