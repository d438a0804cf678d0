namespace UpgradeBot.Core.Deployments;

/// <summary>Which deployment type a tenant (Teams) or workspace (Slack) runs, from configuration.</summary>
public sealed class DeploymentDirectory(DeploymentType defaultType, IReadOnlyDictionary<string, DeploymentType> tenants)
{
    public DeploymentType For(string? tenantId) =>
        tenantId is not null && tenants.TryGetValue(tenantId, out var type) ? type : defaultType;
}
