namespace UpgradeBot.Slack.BlockKit;

/// <summary>
/// The Block Kit elements the bot uses, one record each. Each record writes its own <c>type</c>;
/// the base types list their derived types without a discriminator so a list of
/// <see cref="Block"/> serializes every record's own fields.
/// </summary>
[JsonDerivedType(typeof(HeaderBlock))]
[JsonDerivedType(typeof(SectionBlock))]
[JsonDerivedType(typeof(ContextBlock))]
[JsonDerivedType(typeof(ActionsBlock))]
[JsonDerivedType(typeof(DividerBlock))]
[JsonDerivedType(typeof(InputBlock))]
public abstract record Block
{
    public abstract string Type { get; }
}
