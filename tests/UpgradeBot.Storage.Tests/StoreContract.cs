using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Inbound;
using UpgradeBot.Core.Retention;
using UpgradeBot.Core.Schedule;
using UpgradeBot.Core.Storage;
using UpgradeBot.Core.Subscriptions;
using UpgradeBot.Slack.Installations;

namespace UpgradeBot.Storage.Tests;

/// <summary>One store implementation seen through the Core (and Slack) interfaces, as the host would resolve them.</summary>
public sealed record StoreSet(
    IStoreLifecycle Lifecycle,
    ISubscriptionStore Subscriptions,
    IInboundEventStore InboundEvents,
    IUpgradeWindowStore Windows,
    IEscalationStore Escalations,
    IAnnouncementStore Announcements,
    ISlackInstallationStore SlackInstallations,
    ISlackOAuthStateStore SlackOAuthStates,
    ICustomerStore Customers,
    IRetentionStore Retention,
    ICustomerDataStore CustomerData)
{
    /// <summary>
    /// Every store on <paramref name="database"/>, with the provider's own inbound queue, and Data
    /// Protection of its own over the database's key ring, as another process would have it.
    /// </summary>
    public static StoreSet On(StoreDatabase database, IInboundEventStore inbound)
    {
        var protection = new ServiceCollection().AddSingleton(database).AddDatabaseKeyRing()
            .BuildServiceProvider().GetRequiredService<IDataProtectionProvider>();
        return new(
            new StoreLifecycle(database, TimeProvider.System),
            new SubscriptionStore(database),
            inbound,
            new UpgradeWindowStore(database),
            new EscalationStore(database),
            new AnnouncementStore(database),
            new SlackInstallationStore(database, protection),
            new SlackOAuthStateStore(database),
            new CustomerStore(database),
            new RetentionStore(database),
            new CustomerDataStore(database));
    }
}

/// <summary>
/// What every store implementation must do. A subclass supplies fresh databases and opens store
/// instances on them; two instances on one database stand for two processes sharing it.
/// </summary>
public abstract partial class StoreContract
{
    protected static readonly DateTimeOffset T0 = new(2025, 3, 4, 9, 0, 0, TimeSpan.Zero);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A new, empty database that no other test uses; returns what <see cref="Connect"/> needs to reach it.</summary>
    protected abstract string CreateDatabase();

    /// <summary>A new store instance with connections of its own, as another process would have.</summary>
    protected abstract StoreSet Connect(string database);

    protected async Task<StoreSet> NewStoreAsync()
    {
        var store = Connect(CreateDatabase());
        await store.Lifecycle.MigrateAsync(Ct);
        return store;
    }

    /// <summary>Two store instances on one migrated database, as two processes would share it.</summary>
    protected async Task<(StoreSet First, StoreSet Second)> TwoProcessesAsync()
    {
        var database = CreateDatabase();
        var first = Connect(database);
        await first.Lifecycle.MigrateAsync(Ct);
        return (first, Connect(database));
    }

    [Fact]
    public async Task Migrating_twice_leaves_a_working_store()
    {
        var store = Connect(CreateDatabase());

        await store.Lifecycle.MigrateAsync(Ct);
        await store.Lifecycle.MigrateAsync(Ct);

        Assert.True(await store.Lifecycle.PingAsync(Ct));
        Assert.True(await store.InboundEvents.TryEnqueueAsync("slack", "T1", "Ev1", "Ev1", "{}", T0, Ct));
    }

    [Fact]
    public async Task Two_processes_migrating_at_once_both_succeed()
    {
        var database = CreateDatabase();
        var first = Connect(database);
        var second = Connect(database);

        await Task.WhenAll(
            Task.Run(() => first.Lifecycle.MigrateAsync(Ct), Ct),
            Task.Run(() => second.Lifecycle.MigrateAsync(Ct), Ct));

        Assert.True(await first.InboundEvents.TryEnqueueAsync("slack", "T1", "Ev1", "Ev1", "{}", T0, Ct));
        Assert.False(await second.InboundEvents.TryEnqueueAsync("slack", "T1", "Ev1", "Ev1", "{}", T0, Ct));
    }
}
