namespace UpgradeBot.Core.Deployments;

/// <summary>How a customer runs the backup platform; it decides which symptoms can be upgrade-related.</summary>
public enum DeploymentType
{
    Unknown,
    PublicCloud,
    HybridCloud,
}
