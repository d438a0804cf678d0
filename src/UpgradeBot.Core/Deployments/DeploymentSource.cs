namespace UpgradeBot.Core.Deployments;

/// <summary>What decided a customer's deployment type (<see cref="DeploymentDirectory"/>).</summary>
public enum DeploymentSource
{
    /// <summary>The operator's <c>Deployments:Tenants</c> entry.</summary>
    Configuration,

    /// <summary>The customer's own settings.</summary>
    Customer,

    /// <summary><c>Deployments:Default</c>: nothing else said.</summary>
    Default,
}
