using System.Collections.Concurrent;

namespace UpgradeBot.Core.Customers;

/// <summary>
/// Keeps each customer's settings in memory for a moment: every answer and every escalation reads
/// them, while a customer changes them a few times in its life. A change through this process drops
/// the copies at once; a change made by another process sharing the database is seen once a copy is
/// <see cref="MaxAge"/> old, as with the upgrade windows' cache without a change feed. Customers
/// without settings are remembered too, so most questions cost no database read at all.
/// </summary>
public sealed class CachingCustomerStore(ICustomerStore inner, TimeProvider time) : ICustomerStore
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    /// <summary>Enough for every customer asking within a second; past it the copies start over rather than grow without end.</summary>
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<CustomerKey, Entry> _entries = new();
    private int _version;

    public async Task<CustomerRecord?> GetAsync(CustomerKey key, CancellationToken cancellationToken = default)
    {
        if (_entries.TryGetValue(key, out var hit) && hit.Version == Volatile.Read(ref _version) && time.GetElapsedTime(hit.ReadAt) < MaxAge)
        {
            return hit.Record;
        }

        // The version is read before the record: a change committed meanwhile moves it on, and the
        // copy made from the older read is never used.
        var version = Volatile.Read(ref _version);
        var readAt = time.GetTimestamp();
        var record = await inner.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[key] = new Entry(record, readAt, version);
        return record;
    }

    public async Task SaveAsync(CustomerKey key, CustomerChange change, CancellationToken cancellationToken = default)
    {
        await inner.SaveAsync(key, change, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _version);
        _entries.TryRemove(key, out _);
    }

    public Task<IReadOnlyList<CustomerRecord>> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

    public Task<IReadOnlyList<CustomerChange>> ListChangesAsync(CustomerKey key, CancellationToken cancellationToken = default) =>
        inner.ListChangesAsync(key, cancellationToken);

    public Task<bool> AddInstallerAsync(CustomerKey key, string userId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        inner.AddInstallerAsync(key, userId, at, cancellationToken);

    public Task<bool> IsInstallerAsync(CustomerKey key, string userId, CancellationToken cancellationToken = default) =>
        inner.IsInstallerAsync(key, userId, cancellationToken);

    private sealed record Entry(CustomerRecord? Record, long ReadAt, int Version);
}
