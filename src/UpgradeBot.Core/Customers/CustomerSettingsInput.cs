namespace UpgradeBot.Core.Customers;

/// <summary>
/// The settings as a form holds them: what a person typed and chose, unchecked, or the stored
/// settings to fill the form with. <see cref="Deployment"/> is a <see cref="DeploymentType"/> name.
/// </summary>
public sealed record CustomerSettingsInput(string? Deployment, string? AccountId, string? SupportContact)
{
    public static CustomerSettingsInput From(CustomerSettings settings) =>
        new(settings.Deployment.ToString(), settings.AccountId, settings.SupportContact);
}
