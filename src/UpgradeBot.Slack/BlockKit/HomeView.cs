namespace UpgradeBot.Slack.BlockKit;

/// <summary>What one person sees on the app's Home tab.</summary>
public sealed record HomeView(IReadOnlyList<Block> Blocks) : SlackView(Blocks)
{
    public override string Type => "home";
}
