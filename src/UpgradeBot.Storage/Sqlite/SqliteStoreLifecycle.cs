using UpgradeBot.Core.Storage;

namespace UpgradeBot.Storage.Sqlite;

public sealed class SqliteStoreLifecycle(SqliteConnectionFactory database, TimeProvider timeProvider) : IStoreLifecycle
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        database.EnsureDirectory();

        // WAL lets readers carry on while one writer commits; the mode is stored in the file, so setting it once is enough.
        await database.ExecuteAsync("PRAGMA journal_mode = WAL;", null, cancellationToken);

        // Taking the write lock before reading schema_migrations makes a second process starting at
        // the same moment wait, then find every step applied, instead of applying them twice.
        await database.WriteAsync(async session =>
        {
            await session.ExecuteAsync("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER NOT NULL PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at BIGINT NOT NULL
                );
                """);

            var applied = (await session.QueryAsync<long>("SELECT version FROM schema_migrations;")).ToHashSet();
            foreach (var migration in SqliteMigrations.All.Where(m => !applied.Contains(m.Version)))
            {
                await session.ExecuteAsync(migration.Sql);
                await session.ExecuteAsync(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt);",
                    new { migration.Version, migration.Name, AppliedAt = timeProvider.GetUtcNow().ToUnixTimeMilliseconds() });
            }
        }, cancellationToken);
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await database.ExecuteScalarAsync<long>("SELECT 1;", null, cancellationToken) == 1;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return false;
        }
    }
}
