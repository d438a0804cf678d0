using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace UpgradeBot.Storage.Sqlite;

/// <summary>
/// Opens connections to one SQLite database. A relative file path in <c>Data Source</c> is resolved
/// against a base directory, so the database lands next to the binaries whatever the working directory.
/// </summary>
public sealed class SqliteConnectionFactory : StoreDatabase
{
    // Long enough to wait out another process's short write transaction, short enough to surface a stuck one.
    private const int BusyTimeoutMilliseconds = 5000;

    private readonly string connectionString;

    public SqliteConnectionFactory(string connectionString, string baseDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseDirectory);

        var builder = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true };
        if (IsPlainFile(builder))
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource, baseDirectory);
            DatabasePath = builder.DataSource;
        }

        this.connectionString = builder.ToString();
    }

    /// <summary>The absolute path of the database file; null for in-memory and URI data sources.</summary>
    public string? DatabasePath { get; }

    internal override IReadOnlyList<Migration> Migrations => SqliteMigrations.All;

    internal override string SkipLocked => "";

    internal override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        // The file's directory (e.g. data/) may not exist yet.
        var directory = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        // WAL lets readers carry on while one writer commits; the mode is stored in the file, so setting it once is enough.
        await ExecuteAsync("PRAGMA journal_mode = WAL;", null, cancellationToken);
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // synchronous is per connection. In WAL mode NORMAL skips the fsync on every commit and
            // syncs at checkpoints instead: a process crash loses nothing committed, a power cut may
            // lose the last commits but never corrupts the file. FULL's fsync per commit made each
            // acknowledged Slack event cost a disk flush.
            await connection.ExecuteAsync(new CommandDefinition(
                $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL;", cancellationToken: cancellationToken));
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) => await OpenAsync(cancellationToken);

    /// <summary>BEGIN IMMEDIATE: a deferred transaction that reads and then writes fails with SQLITE_BUSY when another connection wrote in between, and busy_timeout does not retry that.</summary>
    protected override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    protected override ValueTask<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    /// <summary>Nothing to take: the write transaction already keeps every other writer out.</summary>
    protected override Task LockAsync(DbSession session, string key) => Task.CompletedTask;

    private static bool IsPlainFile(SqliteConnectionStringBuilder builder) =>
        builder.Mode != SqliteOpenMode.Memory
        && builder.DataSource is not ("" or ":memory:")
        && !builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase);
}
