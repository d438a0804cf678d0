using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Storage;
using UpgradeBot.Storage;

namespace UpgradeBot.Hosting;

public static class StorageRegistration
{
    /// <summary>
    /// The store named by <c>Storage:Provider</c> (Sqlite or Postgres, any case), migrated before the
    /// service takes requests. The connection string is never logged nor put in a message: it may
    /// hold a password.
    /// </summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        // The provider picks which services to register, so it is read now, before the host is built.
        var provider = (builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions()).Provider;
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        // Hosted services start in the order they were added: the schema must be there before Data
        // Protection's own hosted service (added with the stores) reads its key ring from it.
        builder.Services.AddHostedService<StoreMigration>();
        static string ConnectionString(IServiceProvider services) => services.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString;

        if (string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddSqliteStore(ConnectionString, AppContext.BaseDirectory);
        }
        else if (string.Equals(provider, "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddPostgresStore(services => NpgsqlConnectionString(ConnectionString(services)));
        }
        else
        {
            throw new ConfigurationFileException($"Storage:Provider '{provider}' is not supported; use Sqlite or Postgres.");
        }

        builder.Services.AddSingleton<UpgradeWindowStore>();
        builder.Services.Replace(ServiceDescriptor.Singleton<IUpgradeWindowStore>(sp => new CachingUpgradeWindowStore(
            sp.GetRequiredService<UpgradeWindowStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<IUpgradeWindowChangeFeed>())));
        builder.Services.AddSingleton<CustomerStore>();
        builder.Services.Replace(ServiceDescriptor.Singleton<ICustomerStore>(sp => new CachingCustomerStore(
            sp.GetRequiredService<CustomerStore>(), sp.GetRequiredService<TimeProvider>())));
        return builder;
    }

    /// <summary>Refuses a connection string Npgsql cannot read, saying which key to fix and not what it holds.</summary>
    private static string NpgsqlConnectionString(string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return connectionString;
        }
        catch (ArgumentException)
        {
            throw new ConfigurationFileException(
                "Storage:ConnectionString is not a PostgreSQL connection string; with Storage:Provider Postgres it reads Host=…;Database=…;Username=…;Password=….");
        }
    }

    private sealed class StoreMigration(IStoreLifecycle store) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => store.MigrateAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
