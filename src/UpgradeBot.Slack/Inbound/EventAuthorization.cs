namespace UpgradeBot.Slack.Inbound;

/// <summary>An installation the event was delivered for (Slack lists one).</summary>
internal sealed record EventAuthorization(string? EnterpriseId, string? TeamId, bool? IsEnterpriseInstall);
