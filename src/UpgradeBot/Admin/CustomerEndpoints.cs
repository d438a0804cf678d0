using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Deployments;
using UpgradeBot.Core.Subscriptions;
using UpgradeBot.Slack;

namespace UpgradeBot.Admin;

/// <summary>
/// <c>/api/admin/customers</c>: each customer (a Teams tenant, a Slack workspace or Grid organization)
/// with its settings, the deployment type answers use and what decided it, who changed the settings
/// last, and where it gets announcements; one customer with every change made to its settings.
/// </summary>
public static class CustomerEndpoints
{
    public static RouteGroupBuilder MapCustomerAdmin(this RouteGroupBuilder admin)
    {
        admin.MapGet("/customers", List);
        admin.MapGet("/customers/{platform}/{id}", Get);
        return admin;
    }

    private static async Task<IResult> List(
        ICustomerStore customers, ISubscriptionStore subscriptions, DeploymentDirectory deployments, int? offset, int? limit, CancellationToken cancellationToken)
    {
        if (offset is < 0 || limit is < 1 or > AdminEndpoints.MaxPageSize)
        {
            return Results.Problem(statusCode: 400, title: "Bad paging", detail: $"offset must be 0 or more and limit between 1 and {AdminEndpoints.MaxPageSize}.");
        }

        var all = await AllAsync(customers, subscriptions, deployments, cancellationToken).ConfigureAwait(false);
        return Results.Ok(new { total = all.Count, offset = offset ?? 0, items = all.Skip(offset ?? 0).Take(limit ?? 50) });
    }

    private static async Task<IResult> Get(
        ICustomerStore customers, ISubscriptionStore subscriptions, DeploymentDirectory deployments, string platform, string id, CancellationToken cancellationToken)
    {
        var key = new CustomerKey(platform, id);
        var found = (await AllAsync(customers, subscriptions, deployments, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(c => c.Platform == platform && c.Id == id);
        if (found is null)
        {
            return Results.Problem(statusCode: 404, title: "No such customer", detail: $"No {platform} customer {id} has settings or subscriptions.");
        }

        var changes = await customers.ListChangesAsync(key, cancellationToken).ConfigureAwait(false);
        return Results.Ok(found with { Changes = [.. changes.Select(c => new ChangeView(c.At, c.UserId, c.UserName, c.Settings.Deployment.ToString(), c.Settings.AccountId, c.Settings.SupportContact))] });
    }

    /// <summary>
    /// Every customer with settings or an active subscription, by platform and id. A Slack channel
    /// belongs to its workspace, or to its organization when that organization is the customer.
    /// </summary>
    private static async Task<List<CustomerView>> AllAsync(
        ICustomerStore customers, ISubscriptionStore subscriptions, DeploymentDirectory deployments, CancellationToken cancellationToken)
    {
        var stored = (await customers.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(c => c.Key);
        var channels = (await subscriptions.ListActiveAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(s => CustomerOf(s, stored))
            .ToDictionary(g => g.Key, g => g.ToList());
        return [.. stored.Keys.Union(channels.Keys)
            .OrderBy(k => k.Platform, StringComparer.Ordinal).ThenBy(k => k.Id, StringComparer.Ordinal)
            .Select(key => CustomerView.From(key, stored.GetValueOrDefault(key), channels.GetValueOrDefault(key) ?? [], deployments))];
    }

    private static CustomerKey CustomerOf(Subscription subscription, Dictionary<CustomerKey, CustomerRecord> stored)
    {
        var key = subscription.Key;
        return key.Platform == SlackPlatform.Name
               && SlackConversation.Parse(subscription.ConversationReference)?.EnterpriseId is { } enterprise
               && stored.ContainsKey(new CustomerKey(key.Platform, enterprise))
            ? new CustomerKey(key.Platform, enterprise)
            : new CustomerKey(key.Platform, key.TenantId);
    }

    private sealed record CustomerView(
        string Platform,
        string Id,
        string Deployment,
        string DeploymentSource,
        string ChosenDeployment,
        string? AccountId,
        string? SupportContact,
        DateTimeOffset? UpdatedAt,
        string? UpdatedByUserId,
        string? UpdatedByUserName,
        IReadOnlyList<SubscriptionView> Subscriptions,
        IReadOnlyList<ChangeView>? Changes = null)
    {
        public static CustomerView From(CustomerKey key, CustomerRecord? stored, List<Subscription> subscriptions, DeploymentDirectory deployments)
        {
            var settings = stored?.Settings ?? CustomerSettings.NotSetUp;
            var (type, source) = deployments.Resolve(key.Id, key, stored?.Settings);
            return new CustomerView(
                key.Platform,
                key.Id,
                type.ToString(),
                source.ToString().ToLowerInvariant(),
                settings.Deployment.ToString(),
                settings.AccountId,
                settings.SupportContact,
                stored?.LastChange.At,
                stored?.LastChange.UserId,
                stored?.LastChange.UserName,
                [.. subscriptions.Select(s => new SubscriptionView(s.Key.TenantId, s.Key.ChannelId, s.Name, s.SubscribedAt))]);
        }
    }

    private sealed record SubscriptionView(string TenantId, string ChannelId, string? Name, DateTimeOffset SubscribedAt);

    private sealed record ChangeView(DateTimeOffset At, string UserId, string UserName, string Deployment, string? AccountId, string? SupportContact);
}
