namespace UpgradeBot.Core.Deployments;

/// <summary>
/// Which deployment type a customer runs. The operator's <c>Deployments:Tenants</c> entry for the
/// tenant or workspace (or for the customer, an Enterprise Grid organization) wins; then what the
/// customer's admins chose in their settings; <c>Deployments:Default</c> where neither says.
/// The settings are read through <paramref name="customers"/>, which is expected to cache them
/// (<see cref="CachingCustomerStore"/>): every answer asks.
/// </summary>
public sealed class DeploymentDirectory(DeploymentType defaultType, IReadOnlyDictionary<string, DeploymentType> tenants, ICustomerStore? customers = null)
{
    public async ValueTask<DeploymentType> ForAsync(Asker asker, CancellationToken cancellationToken = default)
    {
        if (Configured(asker.TenantId, asker.Customer) is { } configured)
        {
            return configured;
        }

        var stored = customers is null ? null : await customers.GetAsync(asker.Customer, cancellationToken).ConfigureAwait(false);
        return Resolve(asker.TenantId, asker.Customer, stored?.Settings).Type;
    }

    /// <summary>The deployment type and what decided it, from settings already read.</summary>
    public (DeploymentType Type, DeploymentSource Source) Resolve(string tenantId, CustomerKey customer, CustomerSettings? stored) =>
        Configured(tenantId, customer) is { } configured ? (configured, DeploymentSource.Configuration)
        : stored is { Deployment: not DeploymentType.Unknown and var chosen } ? (chosen, DeploymentSource.Customer)
        : (defaultType, DeploymentSource.Default);

    private DeploymentType? Configured(string tenantId, CustomerKey customer) =>
        tenants.TryGetValue(tenantId, out var type) || tenants.TryGetValue(customer.Id, out type) ? type : null;
}
