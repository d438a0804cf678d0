namespace UpgradeBot.Slack.Inbound;

internal sealed record InteractionUser(string? Id, string? Username, string? Name, string? TeamId);
