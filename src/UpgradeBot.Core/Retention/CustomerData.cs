namespace UpgradeBot.Core.Retention;

/// <summary>Everything stored about one customer, table by table; every table that can hold such rows is listed, empty or not.</summary>
public sealed record CustomerData(CustomerKey Customer, IReadOnlyList<StoredTable> Tables);
