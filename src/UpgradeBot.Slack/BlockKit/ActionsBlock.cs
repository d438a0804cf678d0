namespace UpgradeBot.Slack.BlockKit;

public sealed record ActionsBlock(IReadOnlyList<ButtonElement> Elements) : Block
{
    [JsonPropertyOrder(-1)]
    public override string Type => "actions";
}
