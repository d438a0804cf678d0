namespace UpgradeBot.Core.Customers;

/// <summary>
/// How a platform decides who may change a customer's settings: the sentence that names those
/// people in its own terms, and a way to ask whether the person speaking is one of them.
/// </summary>
/// <param name="WhoMayChange">A whole sentence, such as "Workspace admins and owners, and whoever installed UpgradeBot, can change these settings."</param>
public sealed record CustomerAccess(string WhoMayChange, CustomerRoleLookup Role)
{
    /// <summary>Where the platform said nothing: nobody but an installer recorded by the bot may change the settings.</summary>
    public static CustomerAccess None { get; } = new(
        "Only your organization's admins can change these settings.",
        _ => Task.FromResult(CustomerRole.Member));
}
