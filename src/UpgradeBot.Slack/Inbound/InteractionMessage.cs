namespace UpgradeBot.Slack.Inbound;

internal sealed record InteractionMessage(string? Ts, string? ThreadTs);
