using System.Text.Json.Serialization;

namespace UpgradeBot.Slack.BlockKit;

/// <summary>
/// A surface other than a message: a modal (views.open, or a <c>view_submission</c>'s answer) or a
/// person's Home tab (views.publish). At most 100 blocks; <see cref="CallbackId"/> (up to 255
/// characters) tells the app which view a submission comes from; <see cref="PrivateMetadata"/>
/// (up to 3,000) comes back with it.
/// </summary>
[JsonDerivedType(typeof(ModalView))]
[JsonDerivedType(typeof(HomeView))]
public abstract record SlackView(IReadOnlyList<Block> Blocks)
{
    public const int MaxBlocks = 100;

    [JsonPropertyOrder(-1)]
    public abstract string Type { get; }

    public string? CallbackId { get; init; }

    public string? PrivateMetadata { get; init; }
}

/// <summary>A modal: title, submit and close texts at most 24 characters each; <see cref="Submit"/> is required with input blocks.</summary>
public sealed record ModalView(PlainText Title, IReadOnlyList<Block> Blocks) : SlackView(Blocks)
{
    public const int MaxTitle = 24;

    public override string Type => "modal";

    public PlainText? Submit { get; init; }

    public PlainText? Close { get; init; }
}

/// <summary>What one person sees on the app's Home tab.</summary>
public sealed record HomeView(IReadOnlyList<Block> Blocks) : SlackView(Blocks)
{
    public override string Type => "home";
}
