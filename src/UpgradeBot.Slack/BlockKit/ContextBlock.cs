namespace UpgradeBot.Slack.BlockKit;

/// <summary>Small grey text; up to 10 elements.</summary>
public sealed record ContextBlock(IReadOnlyList<TextObject> Elements) : Block
{
    [JsonPropertyOrder(-1)]
    public override string Type => "context";
}
