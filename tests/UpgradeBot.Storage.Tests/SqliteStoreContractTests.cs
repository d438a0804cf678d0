using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UpgradeBot.Core.Configuration;
using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Inbound;
using UpgradeBot.Core.Retention;
using UpgradeBot.Core.Schedule;
using UpgradeBot.Core.Storage;
using UpgradeBot.Core.Subscriptions;
using UpgradeBot.Storage.Sqlite;

namespace UpgradeBot.Storage.Tests;

/// <summary>The store contract on SQLite files, plus what only SQLite has: its file, pragmas and migration table.</summary>
public sealed class SqliteStoreContractTests : StoreContract, IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "upgradebot-storage-tests", Guid.NewGuid().ToString("N"));

    protected override string CreateDatabase() => $"Data Source={Path.Combine(directory, Guid.NewGuid().ToString("N"), "upgradebot.db")}";

    protected override StoreSet Connect(string database) => Connect(database, directory);

    private static StoreSet Connect(string connectionString, string baseDirectory)
    {
        var factory = new SqliteConnectionFactory(connectionString, baseDirectory);
        return StoreSet.On(factory, new SqliteInboundEventStore(factory));
    }

    protected override async Task<IReadOnlyList<string>> InstallationTableTextAsync(string database)
    {
        await using var connection = new SqliteConnection(database);
        return [.. await connection.QueryAsync<string>(new CommandDefinition(InstallationText, cancellationToken: Ct))];
    }

    protected override async Task ExecuteSqlAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection(database);
        await connection.ExecuteAsync(new CommandDefinition(sql, cancellationToken: Ct));
    }

    private static async Task<long> PragmaAsync(string database, string name)
    {
        await using var connection = new SqliteConnection(database);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition($"PRAGMA {name};", cancellationToken: Ct));
    }

    /// <summary>Whether the database's files hold <paramref name="text"/> anywhere, free pages included, once the WAL is written back.</summary>
    private static async Task<bool> FileContainsAsync(string database, string text)
    {
        await using (var connection = new SqliteConnection(database))
        {
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken: Ct));
        }

        var path = new SqliteConnectionStringBuilder(database).DataSource;
        var needle = System.Text.Encoding.UTF8.GetBytes(text);
        foreach (var file in new[] { path, path + "-wal" }.Where(File.Exists))
        {
            if ((await File.ReadAllBytesAsync(file, Ct)).AsSpan().IndexOf(needle) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose()
    {
        // Pooled connections keep the files open; release them so the directory can go.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Each_migration_is_recorded_once_however_often_and_concurrently_it_runs()
    {
        var database = CreateDatabase();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Connect(database).Lifecycle.MigrateAsync(Ct), Ct)));
        await Connect(database).Lifecycle.MigrateAsync(Ct);

        await using var connection = new SqliteConnection(database);
        var versions = await connection.QueryAsync<long>(new CommandDefinition("SELECT version FROM schema_migrations ORDER BY version;", cancellationToken: Ct));
        Assert.Equal(SqliteMigrations.All.Select(m => (long)m.Version), versions);
    }

    [Fact]
    public async Task Events_stored_before_lanes_existed_become_lanes_of_their_own_due_at_once()
    {
        var database = CreateDatabase();
        var store = Connect(database);
        await store.Lifecycle.MigrateAsync(Ct);
        await using (var connection = new SqliteConnection(database))
        {
            // Back to the schema before step 6 (undoing the later steps that touch the table too), with one event stored then.
            await connection.ExecuteAsync(new CommandDefinition("""
                DROP INDEX ix_inbound_events_pending;
                CREATE INDEX ix_inbound_events_pending ON inbound_events (platform, received_at) WHERE processed_at IS NULL;
                DROP INDEX ix_inbound_events_lane;
                ALTER TABLE inbound_events DROP COLUMN lane;
                ALTER TABLE inbound_events DROP COLUMN next_attempt_at;
                DELETE FROM schema_migrations WHERE version = 6;
                INSERT INTO inbound_events (platform, event_id, payload, received_at, attempts) VALUES ('slack', 'EvOld', '{}', 1, 2);
                """, cancellationToken: Ct));
        }

        await store.Lifecycle.MigrateAsync(Ct);

        var old = Assert.Single(await store.InboundEvents.ClaimDueAsync("slack", T0, TimeSpan.FromMinutes(1), 10, Ct));
        Assert.Equal(new InboundEvent("slack", "EvOld", "EvOld", "{}", DateTimeOffset.FromUnixTimeMilliseconds(1), 3), old);
    }

    [Fact]
    public async Task The_database_runs_in_wal_mode()
    {
        var database = CreateDatabase();
        await Connect(database).Lifecycle.MigrateAsync(Ct);

        await using var connection = new SqliteConnection(database);
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>(new CommandDefinition("PRAGMA journal_mode;", cancellationToken: Ct)));
    }

    [Fact]
    public async Task A_pruned_payload_is_not_left_readable_in_the_file()
    {
        var database = CreateDatabase();
        var store = Connect(database);
        await store.Lifecycle.MigrateAsync(Ct);
        var inline = "inline-" + Guid.NewGuid().ToString("N");
        var overflowing = "overflowing-" + Guid.NewGuid().ToString("N");
        // A short payload lives in its row's page; a long one spills over into pages of its own.
        await store.InboundEvents.TryEnqueueAsync("slack", "T1", "EvShort", "T1/C1", $"{{\"text\":\"{inline}\"}}", T0, Ct);
        await store.InboundEvents.TryEnqueueAsync("slack", "T1", "EvLong", "T1/C2", $"{{\"text\":\"{string.Join(' ', Enumerable.Repeat(overflowing, 300))}\"}}", T0, Ct);
        foreach (var item in await store.InboundEvents.ClaimDueAsync("slack", T0, TimeSpan.FromMinutes(1), 10, Ct))
        {
            await store.InboundEvents.MarkProcessedAsync("slack", item.EventId, T0, Ct);
        }

        Assert.True(await FileContainsAsync(database, inline));
        Assert.True(await FileContainsAsync(database, overflowing));

        var cutoffs = new RetentionPolicy(new RetentionOptions(), new AnnouncementOptions()).At(T0.AddDays(2));
        Assert.Equal(2, (await store.Retention.PruneAsync(cutoffs, 10, Ct)).EventPayloads);

        Assert.False(await FileContainsAsync(database, inline));
        Assert.False(await FileContainsAsync(database, overflowing));
    }

    [Fact]
    public async Task A_new_file_gives_the_space_of_a_large_prune_back_to_the_file_system()
    {
        var database = CreateDatabase();
        var store = Connect(database);
        await store.Lifecycle.MigrateAsync(Ct);
        var payload = new string('x', 20_000);
        await Task.WhenAll(Enumerable.Range(0, 600).Select(i =>
            store.InboundEvents.TryEnqueueAsync("slack", "T1", $"Ev{i:D4}", $"T1/C{i}", payload, T0, Ct)));
        foreach (var item in await store.InboundEvents.ClaimDueAsync("slack", T0, TimeSpan.FromMinutes(1), 600, Ct))
        {
            await store.InboundEvents.MarkProcessedAsync("slack", item.EventId, T0, Ct);
        }

        var full = await PragmaAsync(database, "page_count");
        await PruneAsync(store, new FakeTimeProvider(T0.AddDays(8)));

        Assert.Equal(2, await PragmaAsync(database, "auto_vacuum"));
        var left = await PragmaAsync(database, "page_count");
        Assert.True(left < full / 10, $"{left} pages left of {full}");
        Assert.True(await PragmaAsync(database, "freelist_count") <= left / 4);
    }

    [Fact]
    public async Task A_relative_data_source_is_created_under_the_base_directory()
    {
        var store = Connect("Data Source=data/upgradebot.db", directory);

        await store.Lifecycle.MigrateAsync(Ct);

        Assert.True(File.Exists(Path.Combine(directory, "data", "upgradebot.db")));
    }

    [Fact]
    public async Task Ping_is_false_when_the_database_cannot_be_opened()
    {
        var store = Connect("Data Source=missing/upgradebot.db;Mode=ReadOnly", directory);

        Assert.False(await store.Lifecycle.PingAsync(Ct));
    }

    [Fact]
    public void AddSqliteStore_registers_every_store_interface_as_a_singleton()
    {
        var services = new ServiceCollection().AddSqliteStore("Data Source=data/upgradebot.db", directory);

        Type[] expected = [typeof(IStoreLifecycle), typeof(ISubscriptionStore), typeof(IInboundEventStore), typeof(IUpgradeWindowStore), typeof(IEscalationStore), typeof(IAnnouncementStore), typeof(IRetentionStore), typeof(ICustomerDataStore)];
        foreach (var type in expected)
        {
            Assert.Equal(ServiceLifetime.Singleton, Assert.Single(services, d => d.ServiceType == type).Lifetime);
        }
    }
}
