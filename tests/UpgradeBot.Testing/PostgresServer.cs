using Npgsql;

namespace UpgradeBot.Testing;

/// <summary>
/// The PostgreSQL server tests run against, named by <c>UPGRADEBOT_TEST_POSTGRES</c> (a server
/// connection string, e.g. <c>Host=127.0.0.1;Port=5432;Username=postgres</c>; .ci/setup.d/40-postgres.sh
/// starts one). Each test gets databases of its own. Without the variable a test that needs the
/// server is skipped, unless <c>UPGRADEBOT_REQUIRE_SERVICES=1</c> (CI): then it fails.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "UPGRADEBOT_TEST_POSTGRES";

    /// <summary>Creates an empty database and returns its connection string; skips or fails the calling test when there is no server.</summary>
    public static string CreateDatabase()
    {
        var server = Require();
        var name = $"upgradebot_test_{Guid.NewGuid():N}";
        Run(server, $"CREATE DATABASE \"{name}\";");
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database <see cref="CreateDatabase"/> made, closing whatever connections are still open on it.</summary>
    public static void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        Run(Require(), $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE);");
    }

    /// <summary>Runs <paramref name="sql"/> on the server's maintenance database, as its administrator.</summary>
    public static void Run(string server, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>The server connection string.</summary>
    public static string Require()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            var reason = $"PostgreSQL tests need {Variable}, a server connection string such as Host=127.0.0.1;Port=5432;Username=postgres (.ci/setup.d/40-postgres.sh starts a server).";
            Assert.True(Environment.GetEnvironmentVariable("UPGRADEBOT_REQUIRE_SERVICES") != "1", reason);
            Assert.Skip(reason);
        }

        return server;
    }
}
