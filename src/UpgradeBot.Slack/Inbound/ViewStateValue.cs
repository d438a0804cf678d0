namespace UpgradeBot.Slack.Inbound;

internal sealed record ViewStateValue(string? Type, string? Value, SelectedOption? SelectedOption);
