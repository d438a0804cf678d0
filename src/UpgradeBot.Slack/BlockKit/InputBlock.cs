namespace UpgradeBot.Slack.BlockKit;

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
