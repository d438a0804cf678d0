namespace UpgradeBot.Slack.Inbound;

internal sealed record InteractionTeam(string? Id);
