namespace UpgradeBot.Slack.BlockKit;

/// <summary>
/// A button: text at most 75 characters, <c>action_id</c> at most 255, <c>value</c> at most 2,000
/// (longer values make Slack refuse the message), <c>style</c> "primary" or "danger" or absent.
/// With <see cref="Url"/> it opens that address (and Slack still sends the click).
/// </summary>
public sealed record ButtonElement(PlainText Text, string ActionId, string? Value = null, string? Style = null, Uri? Url = null)
{
    public const int MaxText = 75;
    public const int MaxValue = 2000;

    [JsonPropertyOrder(-1)]
    public string Type => "button";
}
