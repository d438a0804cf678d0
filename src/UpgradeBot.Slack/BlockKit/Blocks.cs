using System.Text.Json.Serialization;

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
[JsonDerivedType(typeof(InputBlock))]
public abstract record Block
{
    public abstract string Type { get; }
}

/// <summary>Plain text only, at most 150 characters (Slack refuses the whole message otherwise).</summary>
public sealed record HeaderBlock(PlainText Text) : Block
{
    public const int MaxText = 150;

    [JsonPropertyOrder(-1)]
    public override string Type => "header";
}

/// <summary>Text up to 3,000 characters, and/or up to 10 fields of up to 2,000 each.</summary>
public sealed record SectionBlock(TextObject? Text, IReadOnlyList<TextObject>? Fields = null) : Block
{
    public const int MaxText = 3000;
    public const int MaxFields = 10;
    public const int MaxFieldText = 2000;

    [JsonPropertyOrder(-1)]
    public override string Type => "section";
}

/// <summary>Small grey text; up to 10 elements.</summary>
public sealed record ContextBlock(IReadOnlyList<TextObject> Elements) : Block
{
    [JsonPropertyOrder(-1)]
    public override string Type => "context";
}

public sealed record ActionsBlock(IReadOnlyList<ButtonElement> Elements) : Block
{
    [JsonPropertyOrder(-1)]
    public override string Type => "actions";
}

/// <summary>A field in a modal; its value comes back in the submission under the block's and the element's ids.</summary>
public sealed record InputBlock(string BlockId, PlainText Label, PlainTextInput Element, bool Optional) : Block
{
    /// <summary>Slack refuses longer input labels.</summary>
    public const int MaxLabel = 2000;

    [JsonPropertyOrder(-1)]
    public override string Type => "input";
}

/// <summary>A text field; Slack itself keeps what is typed within <see cref="MaxLength"/> (at most 3,000).</summary>
public sealed record PlainTextInput(string ActionId, bool Multiline, int MaxLength, PlainText? Placeholder = null)
{
    [JsonPropertyOrder(-1)]
    public string Type => "plain_text_input";
}

[JsonDerivedType(typeof(PlainText))]
[JsonDerivedType(typeof(MrkdwnText))]
public abstract record TextObject(string Text)
{
    public abstract string Type { get; }
}

public sealed record PlainText(string Text) : TextObject(Text)
{
    [JsonPropertyOrder(-1)]
    public override string Type => "plain_text";
}

/// <summary>Slack's own markup (not Markdown): user text in it must be escaped (<see cref="Mrkdwn.Escape"/>).</summary>
public sealed record MrkdwnText(string Text) : TextObject(Text)
{
    [JsonPropertyOrder(-1)]
    public override string Type => "mrkdwn";
}

/// <summary>
/// A button: text at most 75 characters, <c>action_id</c> at most 255, <c>value</c> at most 2,000
/// (longer values make Slack refuse the message), <c>style</c> "primary" or "danger" or absent.
/// </summary>
public sealed record ButtonElement(PlainText Text, string ActionId, string? Value = null, string? Style = null)
{
    public const int MaxText = 75;
    public const int MaxValue = 2000;

    [JsonPropertyOrder(-1)]
    public string Type => "button";
}

/// <summary>
/// A message for chat.postMessage / chat.update / chat.postEphemeral or a response_url. <c>text</c>
/// is always set: notifications, screen readers and old clients show it instead of the blocks.
/// </summary>
public sealed record SlackMessage(string Text, IReadOnlyList<Block> Blocks)
{
    /// <summary>Slack truncates longer <c>text</c>; keep ours well inside it.</summary>
    public const int MaxText = 3000;

    public const int MaxBlocks = 50;
}
