namespace UpgradeBot.Core.Customers;

/// <summary>
/// One customer of the vendor as a platform knows it: a Teams tenant, a Slack workspace, or a Slack
/// Enterprise Grid organization that installed the app for all its workspaces.
/// </summary>
public sealed record CustomerKey(string Platform, string Id);
