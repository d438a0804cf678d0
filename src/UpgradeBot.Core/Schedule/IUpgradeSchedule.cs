namespace UpgradeBot.Core.Schedule;

/// <summary>The upgrade windows the bot answers from.</summary>
public interface IUpgradeSchedule
{
    Task<IReadOnlyList<UpgradeWindow>> GetWindowsAsync(CancellationToken cancellationToken = default);
}
