namespace UpgradeBot.Slack.Inbound;

internal sealed record BlockAction(string? ActionId, string? Value, string? ActionTs);
