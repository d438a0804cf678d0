using UpgradeBot.Core.Subscriptions;

namespace UpgradeBot.Storage;

public sealed class SubscriptionStore(StoreDatabase database) : ISubscriptionStore
{
    private const string SelectSubscription = """
        SELECT platform AS Platform, tenant_id AS TenantId, channel_id AS ChannelId,
               conversation_reference AS ConversationReference, name AS Name, active AS Active,
               subscribed_at AS SubscribedAt, updated_at AS UpdatedAt
        FROM subscriptions
        """;

    private const string KeyMatch = "platform = @Platform AND tenant_id = @TenantId AND channel_id = @ChannelId";

    public Task<bool> SubscribeAsync(ConversationKey key, string conversationReference, string? name, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        // The read and the upsert are one step under the conversation's lock: of two concurrent
        // calls the second reads what the first wrote.
        database.WriteAsync($"subscription {key.Platform}/{key.TenantId}/{key.ChannelId}", async session =>
        {
            var wasActive = await session.ExecuteScalarAsync<long?>($"SELECT active FROM subscriptions WHERE {KeyMatch};", key) == 1;
            // A reinstall may come without a name; keep the one we had rather than forget it.
            await session.ExecuteAsync("""
                INSERT INTO subscriptions (platform, tenant_id, channel_id, conversation_reference, name, active, subscribed_at, updated_at)
                VALUES (@Platform, @TenantId, @ChannelId, @ConversationReference, @Name, 1, @At, @At)
                ON CONFLICT (platform, tenant_id, channel_id) DO UPDATE SET
                    conversation_reference = excluded.conversation_reference,
                    name = COALESCE(excluded.name, subscriptions.name),
                    active = 1,
                    updated_at = excluded.updated_at;
                """,
                new { key.Platform, key.TenantId, key.ChannelId, ConversationReference = conversationReference, Name = name, At = at.ToUnixTimeMilliseconds() });
            return !wasActive;
        }, cancellationToken);

    public async Task<bool> DeactivateAsync(ConversationKey key, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        await database.ExecuteAsync(
            $"UPDATE subscriptions SET active = 0, updated_at = @At WHERE {KeyMatch} AND active = 1;",
            new { key.Platform, key.TenantId, key.ChannelId, At = at.ToUnixTimeMilliseconds() },
            cancellationToken) > 0;

    public Task<int> DeactivateTenantAsync(string platform, string tenantId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.ExecuteAsync(
            "UPDATE subscriptions SET active = 0, updated_at = @At WHERE platform = @Platform AND tenant_id = @TenantId AND active = 1;",
            new { Platform = platform, TenantId = tenantId, At = at.ToUnixTimeMilliseconds() },
            cancellationToken);

    public async Task<bool> AnyActiveAsync(string platform, string tenantId, CancellationToken cancellationToken = default) =>
        await database.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM subscriptions WHERE platform = @Platform AND tenant_id = @TenantId AND active = 1);",
            new { Platform = platform, TenantId = tenantId },
            cancellationToken);

    public async Task<Subscription?> GetAsync(ConversationKey key, CancellationToken cancellationToken = default) =>
        (await database.QuerySingleOrDefaultAsync<SubscriptionRow>($"{SelectSubscription} WHERE {KeyMatch};", key, cancellationToken))?.ToSubscription();

    public async Task<IReadOnlyList<Subscription>> ListActiveAsync(CancellationToken cancellationToken = default) =>
        [.. (await database.QueryAsync<SubscriptionRow>(
            $"{SelectSubscription} WHERE active = 1 ORDER BY subscribed_at, platform, tenant_id, channel_id;", null, cancellationToken))
            .Select(r => r.ToSubscription())];

    public async Task<IReadOnlyList<Subscription>> ListActiveAsync(string platform, string tenantId, CancellationToken cancellationToken = default) =>
        [.. (await database.QueryAsync<SubscriptionRow>(
            $"{SelectSubscription} WHERE platform = @Platform AND tenant_id = @TenantId AND active = 1 ORDER BY channel_id;",
            new { Platform = platform, TenantId = tenantId },
            cancellationToken))
            .Select(r => r.ToSubscription())];

    private sealed class SubscriptionRow
    {
        public required string Platform { get; init; }
        public required string TenantId { get; init; }
        public required string ChannelId { get; init; }
        public required string ConversationReference { get; init; }
        public string? Name { get; init; }
        public long Active { get; init; }
        public long SubscribedAt { get; init; }
        public long UpdatedAt { get; init; }

        public Subscription ToSubscription() => new(
            new ConversationKey(Platform, TenantId, ChannelId),
            ConversationReference,
            Name,
            Active != 0,
            DateTimeOffset.FromUnixTimeMilliseconds(SubscribedAt),
            DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAt));
    }
}
