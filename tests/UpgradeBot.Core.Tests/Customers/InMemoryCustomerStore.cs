using UpgradeBot.Core.Customers;

namespace UpgradeBot.Core.Tests.Customers;

/// <summary>A customer store in memory that counts its reads; the real ones have the storage contract suite.</summary>
internal sealed class InMemoryCustomerStore : ICustomerStore
{
    private readonly Dictionary<CustomerKey, List<CustomerChange>> _changes = [];
    private readonly HashSet<(CustomerKey, string)> _installers = [];

    public int Reads { get; private set; }

    public Task<CustomerRecord?> GetAsync(CustomerKey key, CancellationToken cancellationToken = default)
    {
        Reads++;
        return Task.FromResult(_changes.TryGetValue(key, out var changes) ? new CustomerRecord(key, changes[^1].Settings, changes[^1]) : null);
    }

    public Task SaveAsync(CustomerKey key, CustomerChange change, CancellationToken cancellationToken = default)
    {
        if (!_changes.TryGetValue(key, out var changes))
        {
            _changes[key] = changes = [];
        }

        changes.Add(change);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<CustomerRecord>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<CustomerRecord>>([.. _changes.Select(c => new CustomerRecord(c.Key, c.Value[^1].Settings, c.Value[^1]))]);

    public Task<IReadOnlyList<CustomerChange>> ListChangesAsync(CustomerKey key, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<CustomerChange>>(_changes.TryGetValue(key, out var changes) ? [.. Enumerable.Reverse(changes)] : []);

    public Task<bool> AddInstallerAsync(CustomerKey key, string userId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Task.FromResult(_installers.Add((key, userId)));

    public Task<bool> IsInstallerAsync(CustomerKey key, string userId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_installers.Contains((key, userId)));
}
