namespace UpgradeBot.Storage;

/// <summary>
/// One database the stores share, and what differs between providers beyond a store's own SQL:
/// how a connection opens, how transactions begin and lock, and the schema steps. It runs Dapper
/// calls on fresh connections, so a store method reads as its SQL and its mapping.
/// </summary>
public abstract class StoreDatabase
{
    /// <summary>The schema, oldest step first.</summary>
    internal abstract IReadOnlyList<Migration> Migrations { get; }

    /// <summary>
    /// Ends a SELECT that picks rows to claim. PostgreSQL locks the rows it picks and skips those
    /// another claimer holds; SQLite needs nothing, its write transaction keeps claimers apart.
    /// </summary>
    internal abstract string SkipLocked { get; }

    /// <summary>What must happen once before the first migration.</summary>
    internal virtual Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Gives space freed by deletions back to the file system, a bounded amount at a time; true when
    /// more is left. Nothing by default: PostgreSQL's autovacuum makes freed space reusable itself.
    /// </summary>
    internal virtual Task<bool> CompactAsync(CancellationToken cancellationToken) => Task.FromResult(false);

    protected abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A transaction for one unit of writes. SQLite's holds the write lock from its start, so its
    /// reads see what every earlier writer committed. PostgreSQL's is READ COMMITTED: SQL that must
    /// not race takes row locks, or the transaction takes a key with <see cref="LockAsync"/>.
    /// </summary>
    protected abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>A read transaction whose statements all see one snapshot.</summary>
    protected abstract ValueTask<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Holds <paramref name="key"/> until the write transaction ends: another transaction asking for it waits.</summary>
    protected abstract Task LockAsync(DbSession session, string key);

    public Task<int> ExecuteAsync(string sql, object? parameters, CancellationToken cancellationToken) =>
        RunAsync(session => session.ExecuteAsync(sql, parameters), cancellationToken);

    public Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters, CancellationToken cancellationToken) =>
        RunAsync(session => session.QueryAsync<T>(sql, parameters), cancellationToken);

    public Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters, CancellationToken cancellationToken) =>
        RunAsync(session => session.QuerySingleOrDefaultAsync<T>(sql, parameters), cancellationToken);

    public Task<T?> ExecuteScalarAsync<T>(string sql, object? parameters, CancellationToken cancellationToken) =>
        RunAsync(session => session.ExecuteScalarAsync<T>(sql, parameters), cancellationToken);

    /// <summary>Runs <paramref name="work"/> in a write transaction and commits it when the work returns.</summary>
    public Task<T> WriteAsync<T>(Func<DbSession, Task<T>> work, CancellationToken cancellationToken) =>
        InTransactionAsync(BeginWriteAsync, work, cancellationToken);

    /// <summary>
    /// As <see cref="WriteAsync{T}(Func{DbSession, Task{T}}, CancellationToken)"/>, with no other
    /// such transaction for the same <paramref name="lockKey"/> running at the same time, in any process.
    /// </summary>
    public Task<T> WriteAsync<T>(string lockKey, Func<DbSession, Task<T>> work, CancellationToken cancellationToken) =>
        InTransactionAsync(BeginWriteAsync, async session =>
        {
            await LockAsync(session, lockKey);
            return await work(session);
        }, cancellationToken);

    public Task WriteAsync(string lockKey, Func<DbSession, Task> work, CancellationToken cancellationToken) =>
        WriteAsync(lockKey, async session =>
        {
            await work(session);
            return true;
        }, cancellationToken);

    /// <summary>Runs <paramref name="work"/> in a read transaction: every statement sees the same snapshot.</summary>
    public Task<T> SnapshotAsync<T>(Func<DbSession, Task<T>> work, CancellationToken cancellationToken) =>
        InTransactionAsync(BeginSnapshotAsync, work, cancellationToken);

    private async Task<T> RunAsync<T>(Func<DbSession, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await work(new DbSession(connection, null, cancellationToken));
    }

    private async Task<T> InTransactionAsync<T>(
        Func<DbConnection, CancellationToken, ValueTask<DbTransaction>> begin, Func<DbSession, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await begin(connection, cancellationToken);
        var result = await work(new DbSession(connection, transaction, cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
