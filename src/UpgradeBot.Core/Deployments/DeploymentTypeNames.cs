namespace UpgradeBot.Core.Deployments;

public static class DeploymentTypeNames
{
    /// <summary>Accepts the configuration names (PublicCloud) and the short forms used on the command line (public).</summary>
    public static bool TryParse(string? text, out DeploymentType type)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "public" or "publiccloud" or "public-cloud":
                type = DeploymentType.PublicCloud;
                return true;
            case "hybrid" or "hybridcloud" or "hybrid-cloud":
                type = DeploymentType.HybridCloud;
                return true;
            case "unknown" or "" or null:
                type = DeploymentType.Unknown;
                return true;
            default:
                type = DeploymentType.Unknown;
                return false;
        }
    }
}
