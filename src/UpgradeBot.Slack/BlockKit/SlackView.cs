using System.Text.Json.Serialization;

namespace UpgradeBot.Slack.BlockKit;

/// <summary>
/// A modal for views.open, or for a view_submission's answer. <see cref="PrivateMetadata"/> comes
/// back with the submission untouched (at most 3,000 characters); the title at most 24 characters,
/// the buttons' labels at most 24.
/// </summary>
public sealed record SlackView(string CallbackId, PlainText Title, IReadOnlyList<Block> Blocks, PlainText? Submit, PlainText Close, string? PrivateMetadata)
{
    public const int MaxTitle = 24;
    public const int MaxPrivateMetadata = 3000;

    [JsonPropertyOrder(-1)]
    public string Type => "modal";
}
