using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using UpgradeBot.Core.Subscriptions;
using UpgradeBot.FanOut;
using UpgradeBot.Slack;
using UpgradeBot.Storage;
using UpgradeBot.Storage.Postgres;
using UpgradeBot.Testing;

// Announcement fan-out by a fleet of 1, 2 and 3 instances on one PostgreSQL database, against fakes
// that enforce the platforms' limits and take 150 ms per call. The bot's configured rates are twice
// the fakes' caps: only the adaptive rate keeps it near them. Every Slack workspace is installed
// through "Add to Slack" before the timed part and is served with its own token and limit. Prints
// each run's time from the first post that reached a fake to the last one accepted, against the
// least time the caps allow, and how many posts went with another workspace's token.
// Manual, not in CI. Needs UPGRADEBOT_TEST_POSTGRES (a server connection string).
var options = Arguments.Parse(args);
var server = Environment.GetEnvironmentVariable(PostgresServer.Variable);
if (string.IsNullOrWhiteSpace(server))
{
    Console.Error.WriteLine($"Set {PostgresServer.Variable} to a PostgreSQL server connection string (see .ci/setup.d/40-postgres.sh).");
    return 2;
}

var shape = Shape.From(options);
Console.WriteLine(shape.Describe(options));
var runs = new List<Run>();
foreach (var instances in options.Instances)
{
    runs.AddRange(await RunAsync(server, instances, shape, options));
}

Console.WriteLine();
Console.WriteLine("| instances | fan-out | posts | 429s | wrong tokens | duplicates | host CPU per post | measured | theoretical minimum | ratio |");
Console.WriteLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var run in runs)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {run.Instances} | {run.FanOut} | {run.Posts} | {run.Rejected} | {run.WrongTokens} | {run.Duplicates} | {run.CpuPerPost.TotalMilliseconds:F2} ms | {run.Measured.TotalSeconds:F1} s | {shape.Minimum.TotalSeconds:F1} s | {run.Measured / shape.Minimum:F2} |"));
}

return 0;

// Two fan-outs per fleet: "cold", the first upgrade's, on hosts that have just started (their JIT
// still compiling the send path); then "warm", a second upgrade's on the same hosts, as a fleet
// that has already announced "scheduled" and "reminder" sends "started". Before the warm one the
// limiter forgets what it learned, so the adaptive rate again starts from the configured ceiling.
static async Task<IReadOnlyList<Run>> RunAsync(string server, int instances, Shape shape, Arguments options)
{
    var name = $"upgradebot_fanout_{Guid.NewGuid():N}";
    PostgresServer.Run(server, $"CREATE DATABASE \"{name}\";");
    var database = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    try
    {
        await using var slack = await LimitedSlack.StartAsync(options.SlackCap, options.Latency);
        await using var teams = await LimitedConnector.StartAsync(options.TeamsCap, options.Latency);
        await SubscribeAsync(database, shape, teams.ServiceUrl);

        var hosts = Enumerable.Range(0, instances).Select(i => BotProcess.Start(new Dictionary<string, string>(AddToSlack.Settings(slack))
        {
            ["Storage__Provider"] = "Postgres",
            ["Storage__ConnectionString"] = database,
            ["Slack__SigningSecret"] = "bench-secret",
            ["Slack__WorkspaceMessagesPerSecond"] = (options.SlackCap * options.Ceiling).ToString(CultureInfo.InvariantCulture),
            ["Teams__TenantSendsPerSecond"] = (options.TeamsCap * options.Ceiling).ToString(CultureInfo.InvariantCulture),
            ["Admin__ApiKeys__0"] = "bench-key",
            ["Instance__Id"] = $"bench-{i}",
            ["Logging__LogLevel__Default"] = "Warning",
        })).ToList();
        try
        {
            using var admin = await hosts[0].ClientAsync();
            foreach (var host in hosts.Skip(1))
            {
                await host.BaseUrlAsync();
            }

            var installing = Stopwatch.StartNew();
            await AddToSlack.InstallAsync([admin.BaseAddress!], shape.Teams());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{instances} instance(s): {shape.ChannelsPerWorkspace.Length} workspaces installed in {installing.Elapsed.TotalSeconds:F1} s"));
            var fleet = new Fleet(hosts, admin, slack, teams, shape, options);
            var cold = await fleet.FanOutAsync("cold", "bench");
            await fleet.SettleAsync();
            await using (var connection = new NpgsqlConnection(database))
            {
                await connection.OpenAsync();
                await using var forget = new NpgsqlCommand("DELETE FROM rate_bookings; DELETE FROM rate_keys;", connection);
                await forget.ExecuteNonQueryAsync();
            }

            slack.StartRecord();
            teams.StartRecord();
            return [cold, await fleet.FanOutAsync("warm", "bench-warm")];
        }
        finally
        {
            foreach (var host in hosts)
            {
                host.Dispose();
            }
        }
    }
    finally
    {
        PostgresServer.Run(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE);");
    }
}

// Written straight into the database, as joins long before the upgrade would have left them.
static async Task SubscribeAsync(string connectionString, Shape shape, string serviceUrl)
{
    await using var database = new PostgresDatabase(connectionString);
    await new StoreLifecycle(database, TimeProvider.System).MigrateAsync();
    var subscriptions = new SubscriptionStore(database);
    var at = DateTimeOffset.UtcNow.AddMinutes(-5);
    await Parallel.ForEachAsync(shape.SlackAddresses(), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (c, token) =>
        await subscriptions.SubscribeAsync(SlackPlatform.Key(c.Team, c.Channel), new SlackConversation(c.Team, c.Channel).Serialize(), null, at, token));
    await Parallel.ForEachAsync(shape.TeamsAddresses(), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (c, token) =>
    {
        var reference = JsonSerializer.Serialize(new
        {
            bot = new { id = Activities.BotId, name = Activities.BotName },
            conversation = new { isGroup = true, conversationType = "channel", id = c.Conversation, tenantId = c.Tenant },
            channelId = "msteams",
            serviceUrl,
        });
        await subscriptions.SubscribeAsync(new ConversationKey("teams", c.Tenant, c.Conversation), reference, null, at, token);
    });
}

internal sealed record Run(int Instances, string FanOut, int Posts, int Rejected, int WrongTokens, int Duplicates, TimeSpan Measured, TimeSpan Slack, TimeSpan Teams, TimeSpan CpuPerPost);
