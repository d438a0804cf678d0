namespace UpgradeBot.Slack.Inbound;

internal sealed record InteractionChannel(string? Id);
