namespace UpgradeBot.Core.Schedule;

/// <summary>The windows as they stand in the store, so answers and announcements see every admin edit at once.</summary>
public sealed class StoredSchedule(IUpgradeWindowStore store) : IUpgradeSchedule
{
    public Task<IReadOnlyList<UpgradeWindow>> GetWindowsAsync(CancellationToken cancellationToken = default) => store.ListAsync(cancellationToken);
}
