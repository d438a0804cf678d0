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
