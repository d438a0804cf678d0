namespace UpgradeBot.Slack.Api;

/// <summary>
/// What oauth.v2.access granted for a code: the bot token and whom it belongs to and, with token
/// rotation, the refresh token and the bot token's lifetime.
/// </summary>
public sealed record SlackOAuthGrant(
    SlackToken BotToken,
    string Scopes,
    string BotUserId,
    string? TeamId,
    string? TeamName,
    string? EnterpriseId,
    string? EnterpriseName,
    bool IsEnterpriseInstall,
    string? InstallerUserId,
    SlackToken? RefreshToken,
    TimeSpan? ExpiresIn);
