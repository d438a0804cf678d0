namespace UpgradeBot.Slack.Api;

/// <summary>Body of a response_url post.</summary>
internal sealed record ResponseUrlRequest(string Text, IReadOnlyList<Block> Blocks, bool ReplaceOriginal, string? ResponseType);
