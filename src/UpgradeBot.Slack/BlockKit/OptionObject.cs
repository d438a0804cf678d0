namespace UpgradeBot.Slack.BlockKit;

/// <summary>An option of a select: text up to 75 characters, value up to 150.</summary>
public sealed record OptionObject(PlainText Text, string Value);
