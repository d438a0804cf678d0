namespace UpgradeBot.Core.Customers;

/// <summary>
/// A customer's settings as the conversation handles them, on every platform: showing them to
/// someone, taking a changed form (who may change them, what is valid, storing the change with who
/// and when) and asking for them when the bot is installed. The
/// platforms only say what they know about the person (<see cref="CustomerAccess"/>).
/// </summary>
/// <remarks>
/// Who may change them: whoever installed the bot anywhere in the organization (the bot remembers
/// them at installation), and whoever the platform says administers it there.
/// </remarks>
public sealed partial class CustomerSettingsService(
    ICustomerStore store,
    CustomerSettingsRules rules,
    TimeProvider time,
    ILogger<CustomerSettingsService> logger)
{
    private const string SavedMessage = "Saved. My answers and your escalations use these settings from now on.";
    private const string InvalidMessage = "Nothing was saved: correct the fields marked below and save again.";
    private const string UncheckedMessage = "Nothing was saved: I could not check who may change these settings just now. Please try again in a minute.";

    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    /// <summary>The settings for <paramref name="asker"/>: editable when they may change them, read-only otherwise.</summary>
    public async Task<CustomerSettingsForm> ShowAsync(Asker asker, CustomerAccess? access, CancellationToken cancellationToken = default)
    {
        access ??= CustomerAccess.None;
        var stored = await store.GetAsync(asker.Customer, cancellationToken).ConfigureAwait(false);
        var role = await RoleAsync(asker, access, cancellationToken).ConfigureAwait(false);
        return Form(stored, access.WhoMayChange, editable: role.MayChange);
    }

    /// <summary>A filled-in form sent back: refused, sent back with what is wrong, or stored and logged.</summary>
    public async Task<CustomerSettingsForm> SubmitAsync(Asker asker, CustomerAccess? access, CustomerSettingsInput input, CancellationToken cancellationToken = default)
    {
        access ??= CustomerAccess.None;
        var customer = asker.Customer;
        var role = await RoleAsync(asker, access, cancellationToken).ConfigureAwait(false);
        if (!role.MayChange)
        {
            LogRefused(customer.Platform, customer.Id, asker.UserId, role.Unavailable);
            var stored = await store.GetAsync(customer, cancellationToken).ConfigureAwait(false);
            var refusal = role.Unavailable ? UncheckedMessage : $"Nothing was saved. {access.WhoMayChange}";
            return Form(stored, access.WhoMayChange, editable: false) with { Outcome = SettingsFormOutcome.Refused, Message = refusal };
        }

        var check = rules.Check(input);
        if (check.Settings is not { } settings)
        {
            var stored = await store.GetAsync(customer, cancellationToken).ConfigureAwait(false);
            return Form(stored, access.WhoMayChange, editable: true) with { Values = input, Errors = check.Errors, Outcome = SettingsFormOutcome.Invalid, Message = InvalidMessage };
        }

        var change = new CustomerChange(time.GetUtcNow(), asker.UserId, asker.UserName, settings);
        await store.SaveAsync(customer, change, cancellationToken).ConfigureAwait(false);
        LogChanged(customer.Platform, customer.Id, asker.UserId, change.At, settings.Deployment, settings.AccountId is not null, settings.SupportContact is not null);
        return Form(new CustomerRecord(customer, settings, change), access.WhoMayChange, editable: true) with { Outcome = SettingsFormOutcome.Saved, Message = SavedMessage };
    }

    /// <summary>
    /// The bot was installed in a conversation of the customer's: the installer (when the platform
    /// says who) may change the settings from now on, and the welcome asks for them.
    /// </summary>
    public async Task<CustomerSettingsForm> WelcomeAsync(CustomerKey customer, string? installedBy, string whoMayChange, Notice welcome, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrEmpty(installedBy) && await store.AddInstallerAsync(customer, installedBy, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            LogInstaller(customer.Platform, customer.Id, installedBy);
        }

        var stored = await store.GetAsync(customer, cancellationToken).ConfigureAwait(false);

        // Everyone in the conversation sees the welcome; whoever sends the form is checked then.
        return Form(stored, whoMayChange, editable: true) with { Intro = welcome };
    }

    /// <summary>An installer recorded by the bot needs no question to the platform; anyone else is asked about.</summary>
    private async Task<(bool MayChange, bool Unavailable)> RoleAsync(Asker asker, CustomerAccess access, CancellationToken cancellationToken)
    {
        if (await store.IsInstallerAsync(asker.Customer, asker.UserId, cancellationToken).ConfigureAwait(false))
        {
            return (true, false);
        }

        var role = await access.Role(cancellationToken).ConfigureAwait(false);
        return (role.IsAdmin || role.IsInstaller, role.Unavailable);
    }

    private CustomerSettingsForm Form(CustomerRecord? stored, string whoMayChange, bool editable) => new(
        CustomerSettingsInput.From(stored?.Settings ?? CustomerSettings.NotSetUp),
        editable,
        whoMayChange,
        rules.AccountIdHint,
        NoErrors,
        LastChange: stored?.LastChange);

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer settings of {Platform} customer {CustomerId} changed by {UserId} at {At}: deployment {Deployment}, account set {HasAccount}, support contact set {HasContact}")]
    private partial void LogChanged(string platform, string customerId, string userId, DateTimeOffset at, Deployments.DeploymentType deployment, bool hasAccount, bool hasContact);

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer settings of {Platform} customer {CustomerId} not changed: {UserId} may not change them (could not check: {Unavailable})")]
    private partial void LogRefused(string platform, string customerId, string userId, bool unavailable);

    [LoggerMessage(Level = LogLevel.Information, Message = "{UserId} installed the bot for {Platform} customer {CustomerId} and may change its settings")]
    private partial void LogInstaller(string platform, string customerId, string userId);
}
