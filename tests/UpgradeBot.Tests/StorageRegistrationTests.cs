using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using UpgradeBot.Core.Schedule;
using UpgradeBot.Hosting;
using UpgradeBot.Storage;
using UpgradeBot.Storage.Postgres;
using UpgradeBot.Storage.Sqlite;

namespace UpgradeBot.Tests;

public class StorageRegistrationTests
{
    private static HostApplicationBuilder Builder(string? provider, string? connectionString = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = provider,
            ["Storage:ConnectionString"] = connectionString,
        });
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    [Theory]
    [InlineData("Sqlite", null, typeof(SqliteConnectionFactory))]
    [InlineData("SQLITE", null, typeof(SqliteConnectionFactory))]
    [InlineData("Postgres", "Host=127.0.0.1;Username=postgres", typeof(PostgresDatabase))]
    [InlineData("postgres", "Host=127.0.0.1;Username=postgres", typeof(PostgresDatabase))]
    public void The_provider_is_chosen_whatever_its_case(string provider, string? connectionString, Type database)
    {
        var builder = Builder(provider, connectionString);

        builder.AddStorage();

        Type[] providers = [typeof(SqliteConnectionFactory), typeof(PostgresDatabase)];
        Assert.Equal([database], providers.Where(p => builder.Services.Any(d => d.ServiceType == p)));
    }

    [Fact]
    public void An_unknown_provider_stops_start_up_naming_the_key()
    {
        var failure = Assert.Throws<ConfigurationFileException>(() => Builder("Oracle").AddStorage());

        Assert.Contains("Storage:Provider", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Oracle", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_postgres_connection_string_npgsql_cannot_read_is_refused_without_echoing_it()
    {
        var builder = Builder("Postgres", "Host=db.example.com;Password=hunter2;Colour=blue");
        builder.AddStorage();
        using var host = builder.Build();

        var failure = Assert.Throws<ConfigurationFileException>(() => host.Services.GetRequiredService<StoreDatabase>());

        Assert.Contains("Storage:ConnectionString", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", failure.Message, StringComparison.Ordinal);
        Assert.Null(failure.InnerException);
    }

    [Fact]
    public async Task On_postgres_the_window_cache_listens_to_the_change_feed()
    {
        var builder = Builder("Postgres", "Host=127.0.0.1;Port=1;Username=postgres;Timeout=1");
        builder.AddStorage();
        await using var services = builder.Services.BuildServiceProvider();

        Assert.IsType<CachingUpgradeWindowStore>(services.GetRequiredService<IUpgradeWindowStore>());
        Assert.IsType<PostgresWindowChangeFeed>(services.GetRequiredService<IUpgradeWindowChangeFeed>());
    }
}
