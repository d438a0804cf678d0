namespace UpgradeBot.Slack.Api;

/// <summary>The person's standing in the Enterprise Grid organization, when the workspace belongs to one.</summary>
internal sealed record SlackEnterpriseUser(bool IsAdmin, bool IsOwner);
