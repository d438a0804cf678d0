namespace UpgradeBot.Slack.Inbound;

internal sealed record RevokedTokens(IReadOnlyList<string>? Oauth, IReadOnlyList<string>? Bot);
