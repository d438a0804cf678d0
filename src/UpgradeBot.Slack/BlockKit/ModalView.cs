namespace UpgradeBot.Slack.BlockKit;

/// <summary>A modal: title, submit and close texts at most 24 characters each; <see cref="Submit"/> is required with input blocks.</summary>
public sealed record ModalView(PlainText Title, IReadOnlyList<Block> Blocks) : SlackView(Blocks)
{
    public const int MaxTitle = 24;

    public override string Type => "modal";

    public PlainText? Submit { get; init; }

    public PlainText? Close { get; init; }
}
