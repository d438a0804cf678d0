namespace UpgradeBot.Slack.BlockKit;

/// <summary>Typed text, at most 3,000 characters: one line, or several when <see cref="Multiline"/>; Slack itself keeps it within <see cref="MaxLength"/>.</summary>
public sealed record PlainTextInputElement(string ActionId) : InputElement(ActionId)
{
    public override string Type => "plain_text_input";

    public string? InitialValue { get; init; }

    public bool? Multiline { get; init; }

    public int? MaxLength { get; init; }

    public PlainText? Placeholder { get; init; }
}
