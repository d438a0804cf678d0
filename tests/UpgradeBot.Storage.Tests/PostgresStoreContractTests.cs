using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Inbound;
using UpgradeBot.Core.Retention;
using UpgradeBot.Core.Schedule;
using UpgradeBot.Core.Storage;
using UpgradeBot.Core.Subscriptions;
using UpgradeBot.Storage.Postgres;
using UpgradeBot.Storage.Tests.Support;
using UpgradeBot.Testing;

namespace UpgradeBot.Storage.Tests;

/// <summary>
/// The store contract on PostgreSQL (a database of its own per test, dropped after), plus what only
/// PostgreSQL has: migrations racing on a fresh database, and window edits reaching other instances.
/// </summary>
public sealed class PostgresStoreContractTests : StoreContract, IAsyncDisposable
{
    private readonly PostgresDatabases _databases = new();

    protected override string CreateDatabase() => _databases.Create();

    protected override StoreSet Connect(string database)
    {
        var postgres = Open(new PostgresDatabase(database));
        return StoreSet.On(postgres, new PostgresInboundEventStore(postgres));
    }

    protected override async Task<IReadOnlyList<string>> InstallationTableTextAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        return [.. await connection.QueryAsync<string>(new CommandDefinition(InstallationText, cancellationToken: Ct))];
    }

    protected override async Task ExecuteSqlAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.ExecuteAsync(new CommandDefinition(sql, cancellationToken: Ct));
    }

    private T Open<T>(T disposable)
        where T : IAsyncDisposable => _databases.Open(disposable);

    // The feeds are closed first: they stop listening on the databases about to go.
    public ValueTask DisposeAsync() => _databases.DisposeAsync();

    [Fact]
    public async Task Eight_instances_migrating_a_fresh_database_at_once_apply_each_step_once()
    {
        var database = CreateDatabase();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Connect(database).Lifecycle.MigrateAsync(Ct), Ct)));

        await using var connection = new NpgsqlConnection(database);
        var versions = await connection.QueryAsync<int>(new CommandDefinition("SELECT version FROM schema_migrations ORDER BY version;", cancellationToken: Ct));
        Assert.Equal(PostgresMigrations.All.Select(m => m.Version), versions);
    }

    [Fact]
    public async Task A_window_edit_through_one_instance_reaches_another_instances_cached_answers()
    {
        var (first, second) = await TwoInstancesWithCachesAsync();
        Assert.Empty(await second.Cache.ListAsync(Ct));

        var window = Window("2025-04", T0.AddDays(7));
        var edited = Stopwatch.StartNew();
        await first.Cache.UpsertAsync(window, UpgradeSource.Admin, T0, Ct);
        await Eventually.Until(() => second.Cache.ListAsync(Ct), w => w.Count == 1, "the edit to reach the other instance");
        TestContext.Current.TestOutputHelper?.WriteLine($"Edit seen by the other instance after {edited.Elapsed.TotalMilliseconds:F1} ms");

        await first.Cache.DeleteAsync("2025-04", Ct);
        await Eventually.Until(() => second.Cache.ListAsync(Ct), w => w.Count == 0, "the deletion to reach the other instance");
    }

    [Fact]
    public async Task A_listener_whose_connection_dies_reconnects_and_drops_the_copy()
    {
        var (first, second) = await TwoInstancesWithCachesAsync();
        Assert.Empty(await second.Cache.ListAsync(Ct));
        var before = second.Feed.Version;

        PostgresServer.Run(PostgresServer.Require(), $"""
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '{PostgresDatabase.ListenerName}';
            """);
        await Eventually.Until(() => Task.FromResult(second.Feed.IsLive), live => !live, "the listener to notice its connection is gone");
        // An edit while nobody listens on that instance: the reconnect must count as a change.
        await first.Windows.UpsertAsync(Window("2025-05", T0), UpgradeSource.Admin, T0, Ct);
        await Eventually.Until(
            () =>
            {
                second.Time.Advance(PostgresWindowChangeFeed.ReconnectDelay);
                return Task.FromResult(second.Feed.IsLive);
            },
            live => live,
            "the listener to reconnect");

        Assert.True(second.Feed.Version > before);
        Assert.Single(await second.Cache.ListAsync(Ct));
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Username=postgres", PostgresDatabase.DefaultMaxPoolSize)]
    [InlineData("Host=127.0.0.1;Username=postgres;MaxPoolSize=7", 7)]
    [InlineData("Host=127.0.0.1;Username=postgres;Maximum Pool Size=100", 100)]
    public async Task The_pool_is_small_enough_for_a_fleet_unless_the_connection_string_sizes_it(string connectionString, int expected)
    {
        await using var database = new PostgresDatabase(connectionString);

        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(database.DataSource.ConnectionString).MaxPoolSize);
    }

    [Fact]
    public async Task Ping_is_false_when_the_server_cannot_be_reached()
    {
        await using var unreachable = new PostgresDatabase("Host=127.0.0.1;Port=1;Username=postgres;Timeout=2");

        Assert.False(await new StoreLifecycle(unreachable, TimeProvider.System).PingAsync(Ct));
    }

    [Fact]
    public void AddPostgresStore_registers_every_store_interface_and_the_change_feed_as_singletons()
    {
        var services = new ServiceCollection().AddPostgresStore(_ => "Host=127.0.0.1;Username=postgres");

        Type[] expected =
        [
            typeof(IStoreLifecycle), typeof(ISubscriptionStore), typeof(IInboundEventStore), typeof(IUpgradeWindowStore),
            typeof(IEscalationStore), typeof(IAnnouncementStore), typeof(IRetentionStore), typeof(ICustomerDataStore), typeof(IUpgradeWindowChangeFeed),
        ];
        foreach (var type in expected)
        {
            Assert.Equal(ServiceLifetime.Singleton, Assert.Single(services, d => d.ServiceType == type).Lifetime);
        }

        Assert.Equal(typeof(PostgresInboundEventStore), Assert.Single(services, d => d.ServiceType == typeof(IInboundEventStore)).ImplementationType);
    }

    /// <summary>Two instances on one migrated database, each with its window cache on its own change feed and a clock that never moves on its own.</summary>
    private async Task<(Instance First, Instance Second)> TwoInstancesWithCachesAsync()
    {
        var database = CreateDatabase();
        var first = Instance.Open(this, database);
        await new StoreLifecycle(first.Database, TimeProvider.System).MigrateAsync(Ct);
        var second = Instance.Open(this, database);
        foreach (var instance in new[] { first, second })
        {
            await Eventually.Until(() => Task.FromResult(instance.Feed.IsLive), live => live, "the change feed to listen");
        }

        return (first, second);
    }

    private sealed record Instance(PostgresDatabase Database, FakeTimeProvider Time, PostgresWindowChangeFeed Feed, UpgradeWindowStore Windows, CachingUpgradeWindowStore Cache)
    {
        public static Instance Open(PostgresStoreContractTests test, string connectionString)
        {
            var database = test.Open(new PostgresDatabase(connectionString));
            // A clock that stands still: only the feed can make a cache read again.
            var time = new FakeTimeProvider(T0);
            var feed = test.Open(new PostgresWindowChangeFeed(database, time));
            var windows = new UpgradeWindowStore(database);
            return new Instance(database, time, feed, windows, new CachingUpgradeWindowStore(windows, time, feed));
        }
    }
}
