namespace UpgradeBot.Slack.Api;

/// <summary>Who the bot is in its workspace, from auth.test.</summary>
public sealed record SlackBotIdentity(string UserId, string TeamId);
