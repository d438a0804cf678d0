namespace UpgradeBot.Core.Schedule;

/// <summary>Upgrade windows known at run time.</summary>
public interface IUpgradeWindowStore
{
    Task<IReadOnlyList<UpgradeWindow>> ListAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<(UpgradeWindow Window, UpgradeSource Source)>> ListWithSourceAsync(CancellationToken cancellationToken = default);

    Task<UpgradeWindow?> GetAsync(string id, CancellationToken cancellationToken = default);

    Task UpsertAsync(UpgradeWindow window, UpgradeSource source, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default);
}
