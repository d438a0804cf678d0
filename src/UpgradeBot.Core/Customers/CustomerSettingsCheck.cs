namespace UpgradeBot.Core.Customers;

/// <summary>A submitted form checked: the settings to store, or what is wrong, by field name.</summary>
public sealed record CustomerSettingsCheck(CustomerSettings? Settings, IReadOnlyDictionary<string, string> Errors);
