using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using UpgradeBot.Core.Configuration;
using UpgradeBot.Core.Schedule;
using UpgradeBot.Core.Storage;
using UpgradeBot.Storage;

namespace UpgradeBot.Hosting;

public static class StorageRegistration
{
    /// <summary>The store named by <c>Storage:Provider</c>, migrated before the service takes requests.</summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        // The provider picks which services to register, so it is read now, before the host is built.
        var provider = (builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions()).Provider;
        if (!string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfigurationFileException($"Storage:Provider '{provider}' is not supported by this build; use Sqlite.");
        }

        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        builder.Services.AddSqliteStore(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString, AppContext.BaseDirectory);
        builder.Services.AddSingleton<UpgradeWindowStore>();
        builder.Services.Replace(ServiceDescriptor.Singleton<IUpgradeWindowStore>(sp =>
            new CachingUpgradeWindowStore(sp.GetRequiredService<UpgradeWindowStore>(), sp.GetRequiredService<TimeProvider>())));
        builder.Services.AddHostedService<StoreMigration>();
        return builder;
    }

    private sealed class StoreMigration(IStoreLifecycle store) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => store.MigrateAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
