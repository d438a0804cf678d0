using Microsoft.Extensions.DependencyInjection;
using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Inbound;
using UpgradeBot.Core.Schedule;
using UpgradeBot.Core.Storage;
using UpgradeBot.Core.Subscriptions;
using UpgradeBot.Storage.Sqlite;

namespace UpgradeBot.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SQLite stores as singletons. A relative <c>Data Source</c> is resolved against
    /// <paramref name="baseDirectory"/> (the host passes <see cref="AppContext.BaseDirectory"/>).
    /// Uses the registered <see cref="TimeProvider"/>, or the system clock when there is none.
    /// </summary>
    public static IServiceCollection AddSqliteStore(this IServiceCollection services, string connectionString, string baseDirectory) =>
        services.AddSqliteStore(_ => connectionString, baseDirectory);

    /// <summary>As above, with the connection string read when the store is first needed (after all configuration is in).</summary>
    public static IServiceCollection AddSqliteStore(this IServiceCollection services, Func<IServiceProvider, string> connectionString, string baseDirectory)
    {
        services.AddSingleton(sp => new SqliteConnectionFactory(connectionString(sp), baseDirectory));
        services.AddSingleton<IStoreLifecycle>(sp => new SqliteStoreLifecycle(
            sp.GetRequiredService<SqliteConnectionFactory>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<ISubscriptionStore, SqliteSubscriptionStore>();
        services.AddSingleton<IInboundEventStore, SqliteInboundEventStore>();
        services.AddSingleton<IUpgradeWindowStore, SqliteUpgradeWindowStore>();
        services.AddSingleton<IEscalationStore, SqliteEscalationStore>();
        services.AddSingleton<IAnnouncementStore, SqliteAnnouncementStore>();
        return services;
    }
}
