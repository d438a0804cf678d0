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
[JsonDerivedType(typeof(DividerBlock))]
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

public sealed record DividerBlock : Block
{
    [JsonPropertyOrder(-1)]
    public override string Type => "divider";
}

/// <summary>
/// A labelled field of a modal (label up to 2,000 characters). Its <see cref="BlockId"/> is what a
/// <c>view_submission</c> keys the value by, and what <c>response_action: errors</c> names to put a
/// message beside the field.
/// </summary>
public sealed record InputBlock(string BlockId, PlainText Label, InputElement Element) : Block
{
    [JsonPropertyOrder(-1)]
    public override string Type => "input";

    public PlainText? Hint { get; init; }

    /// <summary>May be sent empty.</summary>
    public bool? Optional { get; init; }
}

/// <summary>The element inside an <see cref="InputBlock"/>; <see cref="ActionId"/> keys its value within the block.</summary>
[JsonDerivedType(typeof(StaticSelectElement))]
[JsonDerivedType(typeof(PlainTextInputElement))]
[JsonDerivedType(typeof(EmailInputElement))]
public abstract record InputElement(string ActionId)
{
    [JsonPropertyOrder(-1)]
    public abstract string Type { get; }
}

/// <summary>A drop-down of up to 100 options; <see cref="InitialOption"/> must be one of them.</summary>
public sealed record StaticSelectElement(string ActionId, IReadOnlyList<OptionObject> Options) : InputElement(ActionId)
{
    public override string Type => "static_select";

    public OptionObject? InitialOption { get; init; }
}

/// <summary>Typed text, at most 3,000 characters: one line, or several when <see cref="Multiline"/>; Slack itself keeps it within <see cref="MaxLength"/>.</summary>
public sealed record PlainTextInputElement(string ActionId) : InputElement(ActionId)
{
    public override string Type => "plain_text_input";

    public string? InitialValue { get; init; }

    public bool? Multiline { get; init; }

    public int? MaxLength { get; init; }

    public PlainText? Placeholder { get; init; }
}

/// <summary>An email address; Slack checks its form before the modal is sent.</summary>
public sealed record EmailInputElement(string ActionId) : InputElement(ActionId)
{
    public override string Type => "email_text_input";

    public string? InitialValue { get; init; }

    public PlainText? Placeholder { get; init; }
}

/// <summary>An option of a select: text up to 75 characters, value up to 150.</summary>
public sealed record OptionObject(PlainText Text, string Value);

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
/// With <see cref="Url"/> it opens that address (and Slack still sends the click).
/// </summary>
public sealed record ButtonElement(PlainText Text, string ActionId, string? Value = null, string? Style = null, Uri? Url = null)
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
