namespace UpgradeBot.Core.Subscriptions;

public interface ISubscriptionStore
{
    /// <summary>
    /// Creates or reactivates the subscription and refreshes its stored reference; an existing one
    /// keeps its first subscription time. True when the conversation was not actively subscribed
    /// before, decided atomically: of concurrent calls for one key at most one gets true (the one
    /// that says welcome when a platform reports one install twice at once).
    /// </summary>
    Task<bool> SubscribeAsync(ConversationKey key, string conversationReference, string? name, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Marks it inactive; returns false when there was no active subscription.</summary>
    Task<bool> DeactivateAsync(ConversationKey key, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Marks every subscription of a tenant or workspace inactive (app uninstalled, token revoked).</summary>
    Task<int> DeactivateTenantAsync(string platform, string tenantId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>True when the tenant or workspace has at least one active subscription.</summary>
    Task<bool> AnyActiveAsync(string platform, string tenantId, CancellationToken cancellationToken = default);

    Task<Subscription?> GetAsync(ConversationKey key, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Subscription>> ListActiveAsync(CancellationToken cancellationToken = default);

    /// <summary>The active subscriptions of one tenant or workspace, by conversation id.</summary>
    Task<IReadOnlyList<Subscription>> ListActiveAsync(string platform, string tenantId, CancellationToken cancellationToken = default);
}
