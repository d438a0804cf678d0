namespace UpgradeBot.Core.Retention;

/// <summary>
/// What is stored about a customer (a Teams tenant, a Slack workspace or organization), as a whole:
/// to show it, to erase it, and when it removed the app, so its data is erased once
/// <c>Retention:UninstalledWorkspaces</c> has passed.
/// </summary>
public interface ICustomerDataStore
{
    /// <summary>Every row about the customer, secrets left out.</summary>
    Task<CustomerData> ExportAsync(CustomerKey customer, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes at most <paramref name="max"/> rows about the customer in one short transaction and
    /// says how many from each table. Its record of removal goes last, in the batch that leaves
    /// nothing else: a batch of fewer than <paramref name="max"/> rows has erased everything. With
    /// <paramref name="removedBefore"/>, only while that record still stands and is older: a customer
    /// that came back in the meantime keeps its data.
    /// </summary>
    Task<IReadOnlyDictionary<string, int>> EraseBatchAsync(CustomerKey customer, DateTimeOffset? removedBefore, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that the customer removed the app at <paramref name="at"/>, and with it the customers
    /// of <paramref name="memberIds"/> on the same platform (the workspaces of an organization that
    /// removed an org-wide install). A customer already recorded keeps its first time.
    /// </summary>
    Task MarkRemovedAsync(CustomerKey customer, IReadOnlyCollection<string> memberIds, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The customer is back (installed again, added to a conversation): forgets its removal and its members'.</summary>
    Task ClearRemovedAsync(CustomerKey customer, CancellationToken cancellationToken = default);

    /// <summary>Customers recorded as removed before <paramref name="before"/>, longest ago first.</summary>
    Task<IReadOnlyList<CustomerKey>> ListRemovedAsync(DateTimeOffset before, int max, CancellationToken cancellationToken = default);
}
