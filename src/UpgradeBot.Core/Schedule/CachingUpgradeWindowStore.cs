using UpgradeBot.Core.Diagnostics;

namespace UpgradeBot.Core.Schedule;

/// <summary>
/// Keeps the window list in memory: every answer reads it, while it changes a few times a year.
/// Edits through this process drop the copy at once; edits by another process sharing the database
/// drop it when <paramref name="changes"/> reports them (PostgreSQL notifies every instance within
/// milliseconds). Without a live feed (none on SQLite, or the feed is reconnecting) the copy is
/// read again once it is <see cref="MaxAge"/> old.
/// </summary>
public sealed class CachingUpgradeWindowStore(IUpgradeWindowStore inner, TimeProvider time, IUpgradeWindowChangeFeed? changes = null) : IUpgradeWindowStore
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private Snapshot? _cached;
    private int _version;

    public async Task<IReadOnlyList<UpgradeWindow>> ListAsync(CancellationToken cancellationToken = default) =>
        (await CurrentAsync(cancellationToken).ConfigureAwait(false)).Windows;

    public async Task<IReadOnlyList<(UpgradeWindow Window, UpgradeSource Source)>> ListWithSourceAsync(CancellationToken cancellationToken = default) =>
        (await CurrentAsync(cancellationToken).ConfigureAwait(false)).WithSource;

    private async Task<Snapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } hit && hit.Version == Volatile.Read(ref _version) && IsCurrent(hit))
        {
            return hit;
        }

        // Both versions are read before the list: a change committed while it is read moves them on,
        // so the next call reads again.
        var version = Volatile.Read(ref _version);
        var feedVersion = changes?.Version ?? 0;
        var readAt = time.GetTimestamp();
        var withSource = await inner.ListWithSourceAsync(cancellationToken).ConfigureAwait(false);
        BotMetrics.WindowCacheRefreshes.Add(1);
        var snapshot = new Snapshot(withSource, [.. withSource.Select(w => w.Window)], readAt, version, feedVersion);
        _cached = snapshot;
        return snapshot;
    }

    private bool IsCurrent(Snapshot hit) =>
        hit.FeedVersion == (changes?.Version ?? 0)
        && (changes?.IsLive == true || time.GetElapsedTime(hit.ReadAt) < MaxAge);

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
        int Version,
        long FeedVersion);
}
