namespace UpgradeBot.Slack.BlockKit;

/// <summary>
/// A message for chat.postMessage / chat.update / chat.postEphemeral or a response_url. <c>text</c>
/// is always set: notifications, screen readers and old clients show it instead of the blocks.
/// </summary>
public sealed record SlackMessage(string Text, IReadOnlyList<Block> Blocks)
{
    /// <summary>Slack truncates longer <c>text</c>; keep ours well inside it.</summary>
    public const int MaxText = 3000;

    public const int MaxBlocks = 50;
}
