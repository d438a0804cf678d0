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

        await Task.WhenAll(steps.Select(step => Task.Run(() => RunAsync(step, stoppingToken), stoppingToken))).ConfigureAwait(false);
    }

    private async Task RunAsync(IBackgroundStep step, CancellationToken stoppingToken)
    {
        var signal = step.Signal ?? new WorkSignal();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await step.RunOnceAsync(stoppingToken).ConfigureAwait(false))
                {
                }
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
