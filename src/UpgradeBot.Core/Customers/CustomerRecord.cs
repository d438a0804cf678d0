namespace UpgradeBot.Core.Customers;

/// <summary>A customer as stored: its settings and the change that set them.</summary>
public sealed record CustomerRecord(CustomerKey Key, CustomerSettings Settings, CustomerChange LastChange);
