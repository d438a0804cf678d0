namespace UpgradeBot.Slack.Api;

/// <summary>Who a token speaks for, from auth.test: the bot user and bot, its workspace (none for an org-wide token) and organization.</summary>
public sealed record SlackAuthTest(string UserId, string? BotId, string? TeamId, string? TeamName, string? EnterpriseId, bool IsEnterpriseInstall);
