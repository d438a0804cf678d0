namespace UpgradeBot.Slack.BlockKit;

/// <summary>A drop-down of up to 100 options; <see cref="InitialOption"/> must be one of them.</summary>
public sealed record StaticSelectElement(string ActionId, IReadOnlyList<OptionObject> Options) : InputElement(ActionId)
{
    public override string Type => "static_select";

    public OptionObject? InitialOption { get; init; }
}
