namespace UpgradeBot.Core.Configuration;

/// <summary><c>Customers</c>: what a customer's settings must look like.</summary>
public sealed class CustomersOptions
{
    public const string Section = "Customers";

    /// <summary>Letters, digits, dots, dashes or underscores, 3 to 64 of them.</summary>
    public const string DefaultAccountIdPattern = "[A-Za-z0-9._-]{3,64}";

    /// <summary>A .NET regular expression the whole account id must match (it is anchored at both ends).</summary>
    public string AccountIdPattern { get; set; } = DefaultAccountIdPattern;

    /// <summary>How the settings form describes an account id, beside the field and in its error; say what the pattern allows.</summary>
    public string AccountIdHint { get; set; } = "3 to 64 letters, digits, dots, dashes or underscores, as on your contract";
}
