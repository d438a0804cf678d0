namespace UpgradeBot.Slack.Api;

/// <summary>
/// What users.info says about a person's standing in the workspace: an admin or owner there, or of
/// the Enterprise Grid organization; a deactivated account is neither.
/// </summary>
public sealed record SlackUser(string Id, bool IsAdministrator);
