using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Inbound;
using UpgradeBot.Core.Messaging;
using UpgradeBot.Core.Retention;
using UpgradeBot.Core.Schedule;
using UpgradeBot.Core.Storage;
using UpgradeBot.Core.Subscriptions;
using UpgradeBot.Slack.Installations;
using UpgradeBot.Storage.Postgres;
using UpgradeBot.Storage.Sqlite;

namespace UpgradeBot.Storage;

/// <summary>
/// Registers the stores as singletons on one database, and Data Protection with its key ring in that
/// database. Uses the registered <see cref="TimeProvider"/>, or the system clock when there is none.
/// </summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Data Protection's application name. Keys are isolated per application name, and the default
    /// (the content root path) differs between instances installed in different folders: every
    /// instance must use this one to read what the others encrypted.
    /// </summary>
    public const string KeyRingApplication = "UpgradeBot";

    /// <summary>
    /// SQLite. A relative <c>Data Source</c> is resolved against <paramref name="baseDirectory"/>
    /// (the host passes <see cref="AppContext.BaseDirectory"/>).
    /// </summary>
    public static IServiceCollection AddSqliteStore(this IServiceCollection services, string connectionString, string baseDirectory) =>
        services.AddSqliteStore(_ => connectionString, baseDirectory);

    /// <summary>As above, with the connection string read when the store is first needed (after all configuration is in).</summary>
    public static IServiceCollection AddSqliteStore(this IServiceCollection services, Func<IServiceProvider, string> connectionString, string baseDirectory)
    {
        services.AddSingleton(sp => new SqliteConnectionFactory(connectionString(sp), baseDirectory));
        services.AddSingleton<StoreDatabase>(sp => sp.GetRequiredService<SqliteConnectionFactory>());
        services.AddSingleton<IInboundEventStore, SqliteInboundEventStore>();
        return services.AddStores();
    }

    /// <summary>
    /// PostgreSQL (an Npgsql connection string, read when the store is first needed), shared by any
    /// number of instances; with the change feed that tells each instance's window cache about edits,
    /// and the rate limiter that keeps the platforms' limits for all instances together.
    /// </summary>
    public static IServiceCollection AddPostgresStore(this IServiceCollection services, Func<IServiceProvider, string> connectionString)
    {
        services.AddSingleton(sp => new PostgresDatabase(connectionString(sp)));
        services.AddSingleton<StoreDatabase>(sp => sp.GetRequiredService<PostgresDatabase>());
        services.AddSingleton<IInboundEventStore, PostgresInboundEventStore>();
        services.AddSingleton<IUpgradeWindowChangeFeed>(sp => new PostgresWindowChangeFeed(
            sp.GetRequiredService<PostgresDatabase>(), Time(sp), sp.GetService<ILogger<PostgresWindowChangeFeed>>()));
        // The platforms' limits are the app's: every instance books its sends in the shared database.
        services.AddSingleton<IRateLimiter>(sp => new PostgresRateLimiter(sp.GetRequiredService<PostgresDatabase>(), Time(sp)));
        return services.AddStores();
    }

    private static IServiceCollection AddStores(this IServiceCollection services)
    {
        services.AddSingleton<IStoreLifecycle>(sp => new StoreLifecycle(sp.GetRequiredService<StoreDatabase>(), Time(sp)));
        services.AddSingleton<ISubscriptionStore, SubscriptionStore>();
        services.AddSingleton<IUpgradeWindowStore, UpgradeWindowStore>();
        services.AddSingleton<IEscalationStore, EscalationStore>();
        services.AddSingleton<IAnnouncementStore, AnnouncementStore>();
        services.AddSingleton<ICustomerStore, CustomerStore>();
        services.AddSingleton<IRetentionStore, RetentionStore>();
        services.AddSingleton<ICustomerDataStore, CustomerDataStore>();
        services.AddSingleton<ISlackOAuthStateStore, SlackOAuthStateStore>();
        services.AddSingleton<ISlackInstallationStore, SlackInstallationStore>();
        return services.AddDatabaseKeyRing();
    }

    /// <summary>
    /// Data Protection with its key ring in the registered <see cref="StoreDatabase"/>
    /// (<see cref="DataProtectionKeyStore"/>); the store registrations above include it.
    /// </summary>
    public static IServiceCollection AddDatabaseKeyRing(this IServiceCollection services)
    {
        services.AddSingleton(sp => new DataProtectionKeyStore(sp.GetRequiredService<StoreDatabase>(), Time(sp)));
        services.AddDataProtection().SetApplicationName(KeyRingApplication);
        // Registered after Data Protection's own setup, so this repository replaces its default folder.
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(options => options.XmlRepository = sp.GetRequiredService<DataProtectionKeyStore>()));
        return services;
    }

    private static TimeProvider Time(IServiceProvider services) => services.GetService<TimeProvider>() ?? TimeProvider.System;
}
