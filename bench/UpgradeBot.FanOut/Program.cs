using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
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
    runs.Add(await RunAsync(server, instances, shape, options));
}

Console.WriteLine();
Console.WriteLine("| instances | posts | 429s | wrong tokens | duplicates | host CPU per post | measured | theoretical minimum | ratio |");
Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var run in runs)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {run.Instances} | {run.Posts} | {run.Rejected} | {run.WrongTokens} | {run.Duplicates} | {run.CpuPerPost.TotalMilliseconds:F2} ms | {run.Measured.TotalSeconds:F1} s | {shape.Minimum.TotalSeconds:F1} s | {run.Measured / shape.Minimum:F2} |"));
}

return 0;

static async Task<Run> RunAsync(string server, int instances, Shape shape, Arguments options)
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
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{instances} instance(s): {shape.ChannelsPerWorkspace.Length} workspaces installed in {installing.Elapsed.TotalSeconds:F1} s; running…"));
            using var timeline = options.Timeline ? new Timeline(slack, teams, await Task.WhenAll(hosts.Select(h => h.ClientAsync())), [.. hosts.Select(h => h.ProcessId)]) : null;
            await ScheduleAsync(admin);
            var stopwatch = Stopwatch.StartNew();
            var reportEvery = TimeSpan.FromSeconds(timeline is null ? 10 : 1);
            var nextReport = reportEvery;
            if (timeline is not null)
            {
                Console.WriteLine(Timeline.Header);
            }

            while (slack.Record.Accepted.Count < shape.SlackChannels || teams.Record.Accepted.Count < shape.TeamsConversations)
            {
                if (hosts.Any(h => h.HasExited) || stopwatch.Elapsed > TimeSpan.FromMinutes(10))
                {
                    throw new InvalidOperationException(
                        $"{slack.Record.Accepted.Count} of {shape.SlackChannels} channels and {teams.Record.Accepted.Count} of {shape.TeamsConversations} conversations reached:{Environment.NewLine}{string.Join(Environment.NewLine, hosts.Select(h => h.Output))}");
                }

                await Task.Delay(50);
                if (stopwatch.Elapsed > nextReport)
                {
                    if (timeline is not null)
                    {
                        await timeline.PrintAsync();
                    }
                    else
                    {
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  {stopwatch.Elapsed.TotalSeconds:F0} s: Slack {slack.Record.Accepted.Count}/{shape.SlackChannels} ({slack.Record.Rejected} 429s), Teams {teams.Record.Accepted.Count}/{shape.TeamsConversations} ({teams.Record.Rejected} 429s)"));
                    }

                    nextReport += reportEvery;
                }
            }

            var cpu = TimeSpan.FromSeconds(hosts.Sum(h => ProcessCpu.Seconds(h.ProcessId)));
            var run = new Run(
                instances,
                slack.Record.PostCount + teams.Record.PostCount,
                slack.Record.Rejected + teams.Record.Rejected,
                slack.WrongTokens,
                slack.Record.PostCount + teams.Record.PostCount - shape.SlackChannels - shape.TeamsConversations,
                FanOutRecord.Overall(slack.Record, teams.Record),
                slack.Record.Span,
                teams.Record.Span,
                cpu / (shape.SlackChannels + shape.TeamsConversations));
            foreach (var (host, i) in hosts.Select((h, i) => (h, i)))
            {
                // What went wrong, if anything: the hosts log at Warning and above.
                var lines = host.Output.Split(Environment.NewLine);
                foreach (var at in Enumerable.Range(0, lines.Length - 1).Where(n => lines[n].StartsWith("fail:", StringComparison.Ordinal) || lines[n].StartsWith("warn:", StringComparison.Ordinal)).Take(5))
                {
                    Console.WriteLine($"  bench-{i}: {lines[at + 1].Trim()}");
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{instances} instance(s): {run.Measured.TotalSeconds:F1} s (Slack {run.Slack.TotalSeconds:F1} s, Teams {run.Teams.TotalSeconds:F1} s), {run.Posts} posts, {run.Rejected} answered 429, {run.WrongTokens} with a wrong token, ratio {run.Measured / shape.Minimum:F2}"));
            return run;
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

// An upgrade that starts in two seconds, scheduled through the admin API as an operator would.
static async Task ScheduleAsync(HttpClient admin)
{
    var start = DateTimeOffset.UtcNow.AddSeconds(2);
    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/upgrades")
    {
        Content = JsonContent.Create(new
        {
            id = "bench",
            title = "Fan-out benchmark upgrade",
            statusUrl = "https://status.example.com/bench",
            phases = new[] { new { name = "Everywhere", start, end = start.AddHours(1) } },
        }),
    };
    request.Headers.Authorization = new("Bearer", "bench-key");
    (await admin.SendAsync(request)).EnsureSuccessStatusCode();
}

internal sealed record Run(int Instances, int Posts, int Rejected, int WrongTokens, int Duplicates, TimeSpan Measured, TimeSpan Slack, TimeSpan Teams, TimeSpan CpuPerPost);
