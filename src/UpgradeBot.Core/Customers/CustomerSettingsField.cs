namespace UpgradeBot.Core.Customers;

/// <summary>
/// One field of the settings form. <see cref="Id"/> names its input on every platform (the Teams
/// input, the Slack block and element) and keys the message about what was not right in it.
/// </summary>
public sealed record CustomerSettingsField(string Id, string Label);
