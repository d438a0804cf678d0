using System.Collections.Concurrent;
using UpgradeBot.Testing;

namespace UpgradeBot.Storage.Tests.Support;

/// <summary>The databases a test class created on the server and what it opened on them: all closed, then dropped, when the class is done.</summary>
public sealed class PostgresDatabases : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _databases = new();
    private readonly ConcurrentQueue<IAsyncDisposable> _opened = new();

    /// <summary>A new, empty database (<see cref="PostgresServer.CreateDatabase"/>); its connection string.</summary>
    public string Create()
    {
        var database = PostgresServer.CreateDatabase();
        _databases.Enqueue(database);
        return database;
    }

    /// <summary>Closes <paramref name="disposable"/> before the databases are dropped; last opened, first closed.</summary>
    public T Open<T>(T disposable)
        where T : IAsyncDisposable
    {
        _opened.Enqueue(disposable);
        return disposable;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var opened in _opened.Reverse())
        {
            await opened.DisposeAsync();
        }

        foreach (var database in _databases)
        {
            PostgresServer.DropDatabase(database);
        }
    }
}
