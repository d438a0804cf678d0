namespace UpgradeBot.Core.Customers;

/// <summary>
/// A customer's settings as a form: editable by whoever may change them (checked again when it is
/// sent), read-only for the others with who may change them. After a submit it carries the
/// outcome and, for a field that is not right, the message to show beside it.
/// </summary>
/// <param name="Values">What the fields show: the stored settings, or what was sent when it is sent back to be corrected.</param>
/// <param name="Editable">Inputs and a save button; false shows the values only.</param>
/// <param name="WhoMayChange">The platform's sentence naming who may change the settings.</param>
/// <param name="AccountIdHint">What an account id looks like (<c>Customers:AccountIdHint</c>).</param>
/// <param name="Errors">Field name (<see cref="CustomerSettingsFields"/>) to the message shown beside that field.</param>
/// <param name="Message">The outcome in a sentence, for anything but <see cref="SettingsFormOutcome.Shown"/>.</param>
/// <param name="LastChange">Who set the stored settings and when; null while never set.</param>
/// <param name="Intro">Said above the form: the welcome, when the form comes with it.</param>
public sealed record CustomerSettingsForm(
    CustomerSettingsInput Values,
    bool Editable,
    string WhoMayChange,
    string AccountIdHint,
    IReadOnlyDictionary<string, string> Errors,
    SettingsFormOutcome Outcome = SettingsFormOutcome.Shown,
    string? Message = null,
    CustomerChange? LastChange = null,
    Notice? Intro = null) : MessageContent
{
    public const string Title = "Your organization's settings";

    /// <summary>Why the bot asks, said on every form.</summary>
    public const string Purpose =
        "Tell me how you run the backup platform, your customer account and your registered support contact: my answers depend on your deployment, and Customer Champions need to know who an escalation comes from.";
}
