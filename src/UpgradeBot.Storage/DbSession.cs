namespace UpgradeBot.Storage;

/// <summary>An open connection, the transaction it is in (if any) and the caller's token, carried into every Dapper call.</summary>
public readonly record struct DbSession(DbConnection Connection, DbTransaction? Transaction, CancellationToken CancellationToken)
{
    public Task<int> ExecuteAsync(string sql, object? parameters = null) => Connection.ExecuteAsync(Command(sql, parameters));

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null) =>
        (await Connection.QueryAsync<T>(Command(sql, parameters))).AsList();

    public Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters = null) => Connection.QuerySingleOrDefaultAsync<T>(Command(sql, parameters));

    public Task<T?> QueryFirstOrDefaultAsync<T>(string sql, object? parameters = null) => Connection.QueryFirstOrDefaultAsync<T>(Command(sql, parameters));

    public Task<T?> ExecuteScalarAsync<T>(string sql, object? parameters = null) => Connection.ExecuteScalarAsync<T>(Command(sql, parameters));

    private CommandDefinition Command(string sql, object? parameters) => new(sql, parameters, Transaction, cancellationToken: CancellationToken);
}
