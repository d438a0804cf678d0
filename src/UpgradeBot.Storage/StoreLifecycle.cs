using UpgradeBot.Core.Storage;

namespace UpgradeBot.Storage;

public sealed class StoreLifecycle(StoreDatabase database, TimeProvider timeProvider) : IStoreLifecycle
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await database.PrepareAsync(cancellationToken);

        // Under the lock, a second process starting at the same moment waits, then finds every step
        // applied instead of applying them twice. It is taken before schema_migrations is created:
        // two PostgreSQL sessions creating it at once would otherwise collide.
        await database.WriteAsync("schema_migrations", async session =>
        {
            await session.ExecuteAsync("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER NOT NULL PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at BIGINT NOT NULL
                );
                """);

            var applied = (await session.QueryAsync<long>("SELECT version FROM schema_migrations;")).ToHashSet();
            foreach (var migration in database.Migrations.Where(m => !applied.Contains(m.Version)))
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
        catch (DbException)
        {
            return false;
        }
    }
}
