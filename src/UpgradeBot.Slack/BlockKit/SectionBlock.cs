namespace UpgradeBot.Slack.BlockKit;

/// <summary>Text up to 3,000 characters, and/or up to 10 fields of up to 2,000 each.</summary>
public sealed record SectionBlock(TextObject? Text, IReadOnlyList<TextObject>? Fields = null) : Block
{
    public const int MaxText = 3000;
    public const int MaxFields = 10;
    public const int MaxFieldText = 2000;

    [JsonPropertyOrder(-1)]
    public override string Type => "section";
}
