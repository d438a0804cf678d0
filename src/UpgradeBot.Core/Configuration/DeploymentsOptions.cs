namespace UpgradeBot.Core.Configuration;

/// <summary><c>Deployments</c>: which deployment type customers run, by default and per tenant or workspace id.</summary>
public sealed class DeploymentsOptions
{
    public const string Section = "Deployments";

    public DeploymentType Default { get; set; } = DeploymentType.Unknown;

    public Dictionary<string, DeploymentType> Tenants { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
