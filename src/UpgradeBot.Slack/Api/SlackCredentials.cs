namespace UpgradeBot.Slack.Api;

/// <summary>
/// The token a Web API call is made with and, for an org-wide token (which serves many workspaces),
/// the workspace the call acts in; Slack ignores that field with a workspace token.
/// </summary>
public sealed record SlackCredentials(SlackToken Token, string? TeamId = null);
