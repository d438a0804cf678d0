namespace UpgradeBot.Core.Schedule;

/// <summary>
/// Who owns an upgrade window: configuration (reconciled at start), the admin API, or the status
/// page feed (<c>UpgradeFeed</c>). Stored by name, so a member is never renamed.
/// </summary>
public enum UpgradeSource
{
    Configuration,
    Admin,
    Feed,
}

/// <summary>Upgrade windows known at run time.</summary>
public interface IUpgradeWindowStore
{
    Task<IReadOnlyList<UpgradeWindow>> ListAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<(UpgradeWindow Window, UpgradeSource Source)>> ListWithSourceAsync(CancellationToken cancellationToken = default);

    Task<UpgradeWindow?> GetAsync(string id, CancellationToken cancellationToken = default);

    Task UpsertAsync(UpgradeWindow window, UpgradeSource source, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default);
}
