namespace UpgradeBot.Core.Schedule;

/// <summary>The upgrade windows the bot answers from.</summary>
public interface IUpgradeSchedule
{
    Task<IReadOnlyList<UpgradeWindow>> GetWindowsAsync(CancellationToken cancellationToken = default);
}

/// <summary>A fixed list of windows, as read from configuration (the ask and eval verbs).</summary>
public sealed class FixedSchedule(IReadOnlyList<UpgradeWindow> windows) : IUpgradeSchedule
{
    public Task<IReadOnlyList<UpgradeWindow>> GetWindowsAsync(CancellationToken cancellationToken = default) => Task.FromResult(windows);
}
