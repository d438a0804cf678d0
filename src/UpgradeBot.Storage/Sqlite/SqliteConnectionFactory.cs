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

    /// <summary>Pages (4 KiB each) one compaction moves at most: a few milliseconds of the write lock.</summary>
    private const int CompactPages = 2048;

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

        // A new file gives freed pages back to the file system when asked (CompactAsync); the mode is
        // fixed when the first table is created. A file made before keeps reusing its freed pages for
        // new rows and never shrinks, until an operator runs VACUUM once (docs/data.md).
        await ExecuteAsync("PRAGMA auto_vacuum = INCREMENTAL;", null, cancellationToken);
        // WAL lets readers carry on while one writer commits; the mode is stored in the file, so setting it once is enough.
        await ExecuteAsync("PRAGMA journal_mode = WAL;", null, cancellationToken);
    }

    /// <summary>
    /// Free pages up to a quarter of the file are kept: new rows reuse them, and a file that shrinks
    /// after every prune only to grow again costs writes for nothing. Beyond that (a burst pruned,
    /// a customer erased) they are moved off the end of the file, a bounded number at a time.
    /// </summary>
    internal override async Task<bool> CompactAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        if (await Pragma(connection, "auto_vacuum", cancellationToken) != 2)
        {
            return false;
        }

        // Freeing k pages leaves (free - k) of (pages - k): at most a quarter once 4(free - k) <= pages - k.
        var free = await Pragma(connection, "freelist_count", cancellationToken);
        var pages = await Pragma(connection, "page_count", cancellationToken);
        var excess = (4 * free - pages + 2) / 3;
        if (excess <= 0)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition($"PRAGMA incremental_vacuum({Math.Min(excess, CompactPages)});", cancellationToken: cancellationToken));
        return excess > CompactPages;
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
            // acknowledged Slack event cost a disk flush. secure_delete is per connection too: what a
            // delete or update removes (a message's text, a token) is overwritten with zeros rather
            // than left readable in free space of the file.
            await connection.ExecuteAsync(new CommandDefinition(
                $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON;", cancellationToken: cancellationToken));
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

    private static Task<long> Pragma(SqliteConnection connection, string name, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition($"PRAGMA {name};", cancellationToken: cancellationToken));

    private static bool IsPlainFile(SqliteConnectionStringBuilder builder) =>
        builder.Mode != SqliteOpenMode.Memory
        && builder.DataSource is not ("" or ":memory:")
        && !builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase);
}
