namespace UpgradeBot.Core.Schedule;

/// <summary>
/// Keeps the window list in memory: every answer reads it, while it changes a few times a year.
/// Edits through this process drop the copy at once; edits by another process sharing the
/// database are seen within <see cref="MaxAge"/>.
/// </summary>
public sealed class CachingUpgradeWindowStore(IUpgradeWindowStore inner, TimeProvider time) : IUpgradeWindowStore
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private (IReadOnlyList<(UpgradeWindow Window, UpgradeSource Source)> Windows, long ReadAt, int Version)? _cached;
    private int _version;

    public async Task<IReadOnlyList<UpgradeWindow>> ListAsync(CancellationToken cancellationToken = default) =>
        [.. (await ListWithSourceAsync(cancellationToken).ConfigureAwait(false)).Select(w => w.Window)];

    public async Task<IReadOnlyList<(UpgradeWindow Window, UpgradeSource Source)>> ListWithSourceAsync(CancellationToken cancellationToken = default)
    {
        var cached = _cached;
        if (cached is { } hit && hit.Version == Volatile.Read(ref _version) && time.GetElapsedTime(hit.ReadAt) < MaxAge)
        {
            return hit.Windows;
        }

        var version = Volatile.Read(ref _version);
        var readAt = time.GetTimestamp();
        var windows = await inner.ListWithSourceAsync(cancellationToken).ConfigureAwait(false);
        _cached = (windows, readAt, version);
        return windows;
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
}
