namespace UpgradeBot.Core.Customers;

/// <summary>Each customer's settings, every change made to them, and who installed the bot there.</summary>
public interface ICustomerStore
{
    /// <summary>Null while the customer has never saved settings.</summary>
    Task<CustomerRecord?> GetAsync(CustomerKey key, CancellationToken cancellationToken = default);

    /// <summary>Makes <paramref name="change"/>'s settings the customer's and keeps the change in its history, in one transaction.</summary>
    Task SaveAsync(CustomerKey key, CustomerChange change, CancellationToken cancellationToken = default);

    /// <summary>Every customer that saved settings, by platform and id.</summary>
    Task<IReadOnlyList<CustomerRecord>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The customer's changes, newest first.</summary>
    Task<IReadOnlyList<CustomerChange>> ListChangesAsync(CustomerKey key, CancellationToken cancellationToken = default);

    /// <summary>Remembers that <paramref name="userId"/> installed the bot somewhere in the customer's organization; true the first time.</summary>
    Task<bool> AddInstallerAsync(CustomerKey key, string userId, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task<bool> IsInstallerAsync(CustomerKey key, string userId, CancellationToken cancellationToken = default);
}
