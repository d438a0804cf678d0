namespace UpgradeBot.Core.Schedule;

/// <summary>
/// Keeps the window list in memory: every answer reads it, while it changes a few times a year.
/// Edits through this process drop the copy at once; edits by another process sharing the
/// database are seen within <see cref="MaxAge"/>.
/// </summary>
public sealed class CachingUpgradeWindowStore(IUpgradeWindowStore inner, TimeProvider time) : IUpgradeWindowStore
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private Snapshot? _cached;
    private int _version;

    public async Task<IReadOnlyList<UpgradeWindow>> ListAsync(CancellationToken cancellationToken = default) =>
        (await CurrentAsync(cancellationToken).ConfigureAwait(false)).Windows;

    public async Task<IReadOnlyList<(UpgradeWindow Window, UpgradeSource Source)>> ListWithSourceAsync(CancellationToken cancellationToken = default) =>
        (await CurrentAsync(cancellationToken).ConfigureAwait(false)).WithSource;

    private async Task<Snapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } hit && hit.Version == Volatile.Read(ref _version) && time.GetElapsedTime(hit.ReadAt) < MaxAge)
        {
            return hit;
        }

        var version = Volatile.Read(ref _version);
        var readAt = time.GetTimestamp();
        var withSource = await inner.ListWithSourceAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = new Snapshot(withSource, [.. withSource.Select(w => w.Window)], readAt, version);
        _cached = snapshot;
        return snapshot;
    }

    public Task<UpgradeWindow?> GetAsync(string id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

    public async Task UpsertAsync(UpgradeWindow window, UpgradeSource source, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await inner.UpsertAsync(window, source, at, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _version);
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        var deleted = await inner.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _version);
        return deleted;
    }

    private sealed record Snapshot(
        IReadOnlyList<(UpgradeWindow Window, UpgradeSource Source)> WithSource,
        IReadOnlyList<UpgradeWindow> Windows,
        long ReadAt,
        int Version);
}
