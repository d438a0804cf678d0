using System.Net.Mail;
using System.Text.RegularExpressions;
using UpgradeBot.Core.Conversations;

namespace UpgradeBot.Core.Customers;

/// <summary>What a customer's settings must look like before they are stored (<c>Customers</c> settings).</summary>
public sealed class CustomerSettingsRules(Regex accountId, string accountIdHint)
{
    /// <summary>The longest email address SMTP carries.</summary>
    public const int MaxSupportContactLength = 254;

    /// <summary>Bounds what the operator's pattern is run on, whatever it allows.</summary>
    public const int MaxAccountIdLength = 256;

    /// <summary>Only a pattern the linear-time engine cannot run has to be stopped this way.</summary>
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    public string AccountIdHint { get; } = accountIdHint;

    /// <summary>The rules from <c>Customers</c>; null, with messages naming the keys, when they cannot be used.</summary>
    public static CustomerSettingsRules? From(CustomersOptions options, ICollection<string> errors)
    {
        if (string.IsNullOrWhiteSpace(options.AccountIdHint))
        {
            errors.Add($"{CustomersOptions.Section}:AccountIdHint must say what an account id looks like; the settings form shows it.");
        }

        var pattern = Compile(options.AccountIdPattern, $"{CustomersOptions.Section}:AccountIdPattern", errors);
        return pattern is null || string.IsNullOrWhiteSpace(options.AccountIdHint) ? null : new CustomerSettingsRules(pattern, options.AccountIdHint.Trim());
    }

    /// <summary>
    /// An operator's pattern, anchored at both ends. It runs on the non-backtracking engine (linear
    /// time whatever is written) unless it needs what only the backtracking one has (lookarounds,
    /// backreferences); then with a match timeout, so no pattern can hold a request.
    /// </summary>
    public static Regex? Compile(string? pattern, string key, ICollection<string> errors)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            errors.Add($"{key} is empty; leave it out for the default {CustomersOptions.DefaultAccountIdPattern}.");
            return null;
        }

        var anchored = $@"\A(?:{pattern})\z";
        try
        {
            return new Regex(anchored, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (NotSupportedException)
        {
            return Backtracking(anchored, key, errors);
        }
        catch (ArgumentException e)
        {
            errors.Add($"{key} is not a regular expression: {e.Message}");
            return null;
        }
    }

    public CustomerSettingsCheck Check(CustomerSettingsInput input)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!DeploymentTypeNames.TryParse(input.Deployment, out var deployment))
        {
            errors[CustomerSettingsFields.Deployment.Id] = "Choose public cloud, hybrid cloud or not sure.";
        }

        var account = Value(input.AccountId);
        if (account is not null && !IsAccountId(account))
        {
            errors[CustomerSettingsFields.AccountId.Id] = $"That is not an account id: use {AccountIdHint}.";
        }

        var contact = Value(input.SupportContact);
        if (contact is not null && !IsEmailAddress(contact))
        {
            errors[CustomerSettingsFields.SupportContact.Id] = "Enter one email address, such as backup-admins@example.com.";
        }

        return new CustomerSettingsCheck(errors.Count == 0 ? new CustomerSettings(deployment, account, contact) : null, errors);
    }

    private bool IsAccountId(string value)
    {
        try
        {
            return value.Length <= MaxAccountIdLength && accountId.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>One plain address with a domain name: no display name, no list, nothing a mail client would read differently.</summary>
    private static bool IsEmailAddress(string value) =>
        value.Length <= MaxSupportContactLength
        && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';' or '"')
        && MailAddress.TryCreate(value, out var address)
        && string.Equals(address.Address, value, StringComparison.Ordinal)
        && address.Host.Contains('.', StringComparison.Ordinal)
        && !address.Host.StartsWith('.')
        && !address.Host.EndsWith('.');

    /// <summary>Blank is "not set up"; anything else is trimmed and made safe to store and show.</summary>
    private static string? Value(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : UserText.Clean(text.Trim());

    private static Regex? Backtracking(string anchored, string key, ICollection<string> errors)
    {
        try
        {
            return new Regex(anchored, RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            errors.Add($"{key} is not a regular expression: {e.Message}");
            return null;
        }
    }
}
