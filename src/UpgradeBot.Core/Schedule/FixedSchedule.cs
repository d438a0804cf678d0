namespace UpgradeBot.Core.Schedule;

/// <summary>A fixed list of windows, as read from configuration (the ask and eval verbs).</summary>
public sealed class FixedSchedule(IReadOnlyList<UpgradeWindow> windows) : IUpgradeSchedule
{
    public Task<IReadOnlyList<UpgradeWindow>> GetWindowsAsync(CancellationToken cancellationToken = default) => Task.FromResult(windows);
}
