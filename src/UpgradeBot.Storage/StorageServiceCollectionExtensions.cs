using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Inbound;
using UpgradeBot.Core.Messaging;
using UpgradeBot.Core.Schedule;
using UpgradeBot.Core.Storage;
using UpgradeBot.Core.Subscriptions;
using UpgradeBot.Storage.Postgres;
using UpgradeBot.Storage.Sqlite;

namespace UpgradeBot.Storage;

/// <summary>
/// Registers the stores as singletons on one database. Uses the registered <see cref="TimeProvider"/>,
/// or the system clock when there is none.
/// </summary>
public static class StorageServiceCollectionExtensions
{
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
        return services;
    }

    private static TimeProvider Time(IServiceProvider services) => services.GetService<TimeProvider>() ?? TimeProvider.System;
}
