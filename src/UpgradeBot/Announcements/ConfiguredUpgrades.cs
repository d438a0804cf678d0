using Microsoft.Extensions.Options;
using UpgradeBot.Core.Configuration;
using UpgradeBot.Core.Schedule;

namespace UpgradeBot.Announcements;

/// <summary>
/// Applies the <c>Upgrades</c> configuration to the store once per process, as admin edits would.
/// Tried at start so answers see it from the first request; when the store is not answering then,
/// the start goes on (health reports it) and the dispatcher tries again before it plans anything.
/// </summary>
public sealed partial class ConfiguredUpgrades(
    UpgradeScheduleEditor editor,
    IOptions<ScheduleOptions> options,
    ILogger<ConfiguredUpgrades> logger) : IHostedService
{
    private readonly SemaphoreSlim _once = new(1, 1);
    private bool _done;

    public async Task EnsureReconciledAsync(CancellationToken cancellationToken)
    {
        if (_done)
        {
            return;
        }

        await _once.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_done)
            {
                await editor.ReconcileAsync(ScheduleSettings.ToWindows(options.Value.Upgrades, "Upgrades", new List<string>()), cancellationToken).ConfigureAwait(false);
                _done = true;
            }
        }
        finally
        {
            _once.Release();
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await EnsureReconciledAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogDeferred(e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not apply the Upgrades configuration to the store at start; the announcement dispatcher tries again on each tick")]
    private partial void LogDeferred(Exception exception);
}
