namespace UpgradeBot.Slack.BlockKit;

/// <summary>Plain text only, at most 150 characters (Slack refuses the whole message otherwise).</summary>
public sealed record HeaderBlock(PlainText Text) : Block
{
    public const int MaxText = 150;

    [JsonPropertyOrder(-1)]
    public override string Type => "header";
}
