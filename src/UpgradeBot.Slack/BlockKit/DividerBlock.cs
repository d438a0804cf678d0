namespace UpgradeBot.Slack.BlockKit;

public sealed record DividerBlock : Block
{
    [JsonPropertyOrder(-1)]
    public override string Type => "divider";
}
