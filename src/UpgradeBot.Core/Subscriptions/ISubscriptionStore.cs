namespace UpgradeBot.Core.Subscriptions;

public interface ISubscriptionStore
{
    /// <summary>Creates or reactivates the subscription; an existing one keeps its first subscription time.</summary>
    Task SubscribeAsync(ConversationKey key, string conversationReference, string? name, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Marks it inactive; returns false when there was no active subscription.</summary>
    Task<bool> DeactivateAsync(ConversationKey key, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Marks every subscription of a tenant or workspace inactive (app uninstalled, token revoked).</summary>
    Task<int> DeactivateTenantAsync(string platform, string tenantId, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task<Subscription?> GetAsync(ConversationKey key, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Subscription>> ListActiveAsync(CancellationToken cancellationToken = default);
}
