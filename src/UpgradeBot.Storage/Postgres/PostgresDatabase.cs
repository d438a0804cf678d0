using System.Data;
using Npgsql;

namespace UpgradeBot.Storage.Postgres;

/// <summary>
/// One PostgreSQL database shared by every instance of the service. The connection string is kept
/// only inside Npgsql's data source: it may hold a password, and nothing here writes it anywhere.
/// </summary>
public sealed class PostgresDatabase : StoreDatabase, IAsyncDisposable
{
    /// <summary>The listening connection's application_name, so it can be told apart in pg_stat_activity.</summary>
    public const string ListenerName = "UpgradeBot change feed";

    /// <summary>Connections per instance unless the connection string says otherwise.</summary>
    public const int DefaultMaxPoolSize = 20;

    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlDataSource _listenerSource;

    public PostgresDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            // Each store sends the same few statements over and over: prepared once per connection,
            // they are parsed and planned once.
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        }

        if (!Names(connectionString, "NoResetOnClose"))
        {
            // Nothing here leaves state on a pooled connection (LISTEN has a connection of its own): resetting
            // it on every return to the pool would be three more statements for each of a fan-out's thousands of uses.
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        }

        if (!Names(connectionString, "MaximumPoolSize", "MaxPoolSize"))
        {
            // The instances of a fleet share the server's max_connections (100 unless raised). With
            // Npgsql's own default of 100 each, a busy fan-out on three instances asks for 300 and is
            // refused; the statements here are short, and 20 connections carry thousands a second.
            builder.ConnectionStringBuilder.MaxPoolSize = DefaultMaxPoolSize;
        }

        _dataSource = builder.Build();

        var listener = new NpgsqlConnectionStringBuilder(builder.ConnectionString)
        {
            // A listening connection is idle for days; the keepalive query notices a dead one
            // (a restarted server, a dropped route) so it is replaced instead of waiting forever.
            KeepAlive = 10,
            Pooling = false,
            ApplicationName = ListenerName,
        };
        _listenerSource = NpgsqlDataSource.Create(listener);
    }

    internal override IReadOnlyList<Migration> Migrations => PostgresMigrations.All;

    /// <summary>Whether the connection string itself sets one of <paramref name="keys"/>, spaces aside (Npgsql's builder answers yes for every key it knows).</summary>
    private static bool Names(string connectionString, params string[] keys) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(k => keys.Contains(k.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparer.OrdinalIgnoreCase));

    internal override string SkipLocked => "FOR UPDATE SKIP LOCKED";

    internal NpgsqlDataSource DataSource => _dataSource;

    /// <summary>A connection of its own for LISTEN, outside the pool the stores use.</summary>
    internal ValueTask<NpgsqlConnection> OpenListenerAsync(CancellationToken cancellationToken) => _listenerSource.OpenConnectionAsync(cancellationToken);

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    protected override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

    protected override async ValueTask<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

    /// <summary>A transaction-scoped advisory lock on the key's 64-bit hash: released by commit or rollback, also when the process dies.</summary>
    protected override Task LockAsync(DbSession session, string key) =>
        session.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended(@Key, 0));", new { Key = "upgradebot " + key });

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await _listenerSource.DisposeAsync();
    }
}
