namespace UpgradeBot.Slack.BlockKit;

/// <summary>An email address; Slack checks its form before the modal is sent.</summary>
public sealed record EmailInputElement(string ActionId) : InputElement(ActionId)
{
    public override string Type => "email_text_input";

    public string? InitialValue { get; init; }

    public PlainText? Placeholder { get; init; }
}
