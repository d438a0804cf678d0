using UpgradeBot.Core.Subscriptions;

namespace UpgradeBot.Storage.Tests;

public abstract partial class StoreContract
{
    private static readonly ConversationKey General = new("teams", "tenant-1", "19:general");

    [Fact]
    public async Task Subscribing_creates_an_active_subscription()
    {
        var store = await NewStoreAsync();

        Assert.True(await store.Subscriptions.SubscribeAsync(General, "{\"ref\":1}", "General", T0, Ct));

        Assert.Equal(
            new Subscription(General, "{\"ref\":1}", "General", Active: true, SubscribedAt: T0, UpdatedAt: T0),
            await store.Subscriptions.GetAsync(General, Ct));
    }

    [Fact]
    public async Task A_tenants_active_subscriptions_are_listed_without_other_tenants_or_stopped_ones()
    {
        var store = await NewStoreAsync();
        var other = General with { TenantId = "tenant-2" };
        var stopped = General with { ChannelId = "19:stopped" };
        var alerts = General with { ChannelId = "19:alerts" };
        foreach (var key in new[] { General, other, stopped, alerts })
        {
            await store.Subscriptions.SubscribeAsync(key, "ref", null, T0, Ct);
        }

        await store.Subscriptions.DeactivateAsync(stopped, T0, Ct);

        Assert.Equal([alerts, General], (await store.Subscriptions.ListActiveAsync("teams", "tenant-1", Ct)).Select(s => s.Key));
        Assert.Empty(await store.Subscriptions.ListActiveAsync("slack", "tenant-1", Ct));
    }

    [Fact]
    public async Task Resubscribing_reactivates_with_the_new_reference_and_keeps_the_first_subscription_time()
    {
        var store = await NewStoreAsync();
        await store.Subscriptions.SubscribeAsync(General, "old", "General", T0, Ct);
        await store.Subscriptions.DeactivateAsync(General, T0.AddDays(1), Ct);

        Assert.True(await store.Subscriptions.SubscribeAsync(General, "new", null, T0.AddDays(2), Ct));

        Assert.Equal(
            new Subscription(General, "new", "General", Active: true, SubscribedAt: T0, UpdatedAt: T0.AddDays(2)),
            await store.Subscriptions.GetAsync(General, Ct));
    }

    [Fact]
    public async Task Subscribing_an_active_conversation_again_refreshes_its_reference_and_reports_no_change()
    {
        var store = await NewStoreAsync();
        await store.Subscriptions.SubscribeAsync(General, "old", "General", T0, Ct);

        Assert.False(await store.Subscriptions.SubscribeAsync(General, "new", "Renamed", T0.AddHours(1), Ct));

        Assert.Equal(
            new Subscription(General, "new", "Renamed", Active: true, SubscribedAt: T0, UpdatedAt: T0.AddHours(1)),
            await store.Subscriptions.GetAsync(General, Ct));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Of_concurrent_subscribes_from_two_processes_exactly_one_reports_the_new_subscription(bool wasSubscribedBefore)
    {
        var (first, second) = await TwoProcessesAsync();
        if (wasSubscribedBefore)
        {
            await first.Subscriptions.SubscribeAsync(General, "ref", null, T0, Ct);
            await first.Subscriptions.DeactivateAsync(General, T0, Ct);
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(
            () => (i % 2 == 0 ? first : second).Subscriptions.SubscribeAsync(General, $"ref-{i}", null, T0.AddMinutes(1), Ct), Ct)));

        Assert.Single(results, created => created);
        Assert.True((await second.Subscriptions.GetAsync(General, Ct))!.Active);
    }

    [Fact]
    public async Task Deactivating_reports_whether_there_was_an_active_subscription()
    {
        var store = await NewStoreAsync();
        await store.Subscriptions.SubscribeAsync(General, "ref", null, T0, Ct);

        Assert.True(await store.Subscriptions.DeactivateAsync(General, T0.AddHours(1), Ct));
        Assert.False(await store.Subscriptions.DeactivateAsync(General, T0.AddHours(2), Ct));
        Assert.False(await store.Subscriptions.DeactivateAsync(General with { ChannelId = "unknown" }, T0, Ct));

        var stored = await store.Subscriptions.GetAsync(General, Ct);
        Assert.False(stored!.Active);
        Assert.Equal(T0.AddHours(1), stored.UpdatedAt);
    }

    [Fact]
    public async Task Deactivating_a_tenant_leaves_other_tenants_and_platforms_active()
    {
        var store = await NewStoreAsync();
        ConversationKey[] tenantOne = [General, General with { ChannelId = "19:ops" }];
        var otherTenant = General with { TenantId = "tenant-2" };
        var otherPlatform = General with { Platform = "slack" };
        foreach (var key in tenantOne.Append(otherTenant).Append(otherPlatform))
        {
            await store.Subscriptions.SubscribeAsync(key, "ref", null, T0, Ct);
        }

        Assert.Equal(2, await store.Subscriptions.DeactivateTenantAsync("teams", "tenant-1", T0.AddHours(1), Ct));

        var active = await store.Subscriptions.ListActiveAsync(Ct);
        Assert.Equal([otherPlatform, otherTenant], active.Select(s => s.Key).OrderBy(k => k.Platform));
    }

    [Fact]
    public async Task Listing_active_subscriptions_omits_inactive_ones_oldest_first()
    {
        var store = await NewStoreAsync();
        var newer = General with { ChannelId = "19:newer" };
        var gone = General with { ChannelId = "19:gone" };
        await store.Subscriptions.SubscribeAsync(newer, "ref", null, T0.AddHours(1), Ct);
        await store.Subscriptions.SubscribeAsync(General, "ref", null, T0, Ct);
        await store.Subscriptions.SubscribeAsync(gone, "ref", null, T0, Ct);
        await store.Subscriptions.DeactivateAsync(gone, T0.AddHours(2), Ct);

        var active = await store.Subscriptions.ListActiveAsync(Ct);

        Assert.Equal([General, newer], active.Select(s => s.Key));
    }
}
