namespace UpgradeBot.Slack.Inbound;

internal sealed record SelectedOption(string? Value);
