namespace UpgradeBot.Schedule;

/// <summary>
/// The schedule the service answers and announces from: the windows in the store, with the
/// <c>Upgrades</c> configuration applied to it once per process, as admin edits would be, before
/// the first read. Tried at start so the first request does not wait; when the store is not
/// answering then, the start goes on (health reports it) and the next read tries again.
/// </summary>
public sealed partial class StoredSchedule(
    IUpgradeWindowStore store,
    UpgradeScheduleEditor editor,
    IOptions<ScheduleOptions> options,
    ILogger<StoredSchedule> logger) : IUpgradeSchedule, IHostedService
{
    private readonly SemaphoreSlim _once = new(1, 1);
    private volatile bool _applied;

    public async Task<IReadOnlyList<UpgradeWindow>> GetWindowsAsync(CancellationToken cancellationToken = default)
    {
        await EnsureConfigurationAppliedAsync(cancellationToken).ConfigureAwait(false);
        return await store.ListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await EnsureConfigurationAppliedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogDeferred(e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task EnsureConfigurationAppliedAsync(CancellationToken cancellationToken)
    {
        if (_applied)
        {
            return;
        }

        await _once.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_applied)
            {
                await editor.ReconcileAsync(ScheduleSettings.ToWindows(options.Value.Upgrades, "Upgrades", new List<string>()), cancellationToken).ConfigureAwait(false);
                _applied = true;
            }
        }
        finally
        {
            _once.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not apply the Upgrades configuration to the store at start; trying again on the next read of the schedule")]
    private partial void LogDeferred(Exception exception);
}
