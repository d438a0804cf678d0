namespace UpgradeBot.Slack.Api;

/// <summary>What a refresh (oauth.v2.access with <c>grant_type=refresh_token</c>) gave: the next bot token, how long it lives, and the next refresh token.</summary>
public sealed record SlackRefreshedToken(SlackToken BotToken, SlackToken RefreshToken, TimeSpan ExpiresIn);
