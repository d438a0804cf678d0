namespace UpgradeBot.Core.Customers;

/// <summary>What a customer's admins told the bot about themselves.</summary>
/// <param name="Deployment">How they run the backup platform; <see cref="DeploymentType.Unknown"/> when they are not sure.</param>
/// <param name="AccountId">Their account id at the vendor; null while not set up.</param>
/// <param name="SupportContact">Their registered support contact's email address; null while not set up.</param>
public sealed record CustomerSettings(DeploymentType Deployment, string? AccountId, string? SupportContact)
{
    public static CustomerSettings NotSetUp { get; } = new(DeploymentType.Unknown, null, null);

    /// <summary>What an escalation carries; null while neither the account nor the contact is known.</summary>
    public CustomerProfile? Profile => AccountId is null && SupportContact is null ? null : new(AccountId, SupportContact);
}
