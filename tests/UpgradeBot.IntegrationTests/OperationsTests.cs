using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using UpgradeBot.Testing;

namespace UpgradeBot.IntegrationTests;

/// <summary>What an operator of a fleet reads from a running host: its metrics, its health, its instance id.</summary>
public sealed partial class OperationsTests
{
    [Fact]
    public async Task Metrics_are_prometheus_text_and_the_sent_announcements_counter_moves_when_one_is_sent()
    {
        using var temp = new TempDirectory();
        await using var slack = await FakeSlack.StartAsync();
        slack.SavePayloads = false;
        using var host = BotProcess.Start(new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = $"Data Source={temp.File("bot.db")}",
            ["Slack__SigningSecret"] = SlackBot.Secret,
            ["Slack__BotToken"] = FakeSlack.Token,
            ["Slack__ApiBaseUrl"] = slack.ApiBaseUrl,
            ["Admin__ApiKeys__0"] = Fleet.AdminKey,
            ["Announcements__Delivery__PollInterval"] = "00:00:00.200",
            ["Instance__Id"] = "metrics-host",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__UpgradeBot.Hosting"] = "Information",
        });
        using var client = await host.ClientAsync();
        using var subscribed = await client.SendAsync(Fleet.Subscribe(FakeSlack.TeamId, "C0METRIC"));
        Assert.Equal(HttpStatusCode.OK, subscribed.StatusCode);

        var before = Parse(await client.GetStringAsync("/metrics"));
        Assert.Equal(0, Sum(before, "upgradebot_announcements_total", ("platform", "slack"), ("outcome", "sent")));

        await Fleet.ScheduleAsync(client, "metrics", "Metrics test upgrade");
        await Eventually.True(() => slack.Posts().Any(), what: "the announcement posted");

        var after = await Eventually.Until(
            async () => Parse(await client.GetStringAsync("/metrics")),
            samples => Sum(samples, "upgradebot_announcements_total", ("platform", "slack"), ("outcome", "sent")) == 1
                && samples.Any(s => s.Name == "upgradebot_inbound_queue_depth"),
            what: "the sent announcement counted and the queue's depth read");
        Assert.True(Sum(after, "upgradebot_platform_call_duration_seconds_count", ("platform", "slack")) >= 1);
        // ASP.NET Core's and HttpClient's own instruments: requests served, calls to Slack made.
        Assert.True(Sum(after, "http_server_request_duration_seconds_count") >= 1);
        Assert.True(Sum(after, "http_client_request_duration_seconds_count", ("server_address", "127.0.0.1")) >= 1);
        Assert.Contains("UpgradeBot instance metrics-host starting on the Sqlite store", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_names_the_store_and_instance_and_is_unavailable_while_postgres_refuses_connections()
    {
        var database = PostgresServer.CreateDatabase();
        var name = new NpgsqlConnectionStringBuilder(database).Database;
        try
        {
            using var host = BotProcess.Start(new Dictionary<string, string>
            {
                ["Storage__Provider"] = "Postgres",
                ["Storage__ConnectionString"] = database,
                ["Instance__Id"] = "health-host",
                ["Logging__LogLevel__Default"] = "Warning",
            });
            using var client = await host.ClientAsync();
            var healthy = await Eventually.Until(() => client.GetAsync("/healthz"), r => r.StatusCode == HttpStatusCode.OK, what: "a healthy start");
            using (var body = JsonDocument.Parse(await healthy.Content.ReadAsStringAsync()))
            {
                Assert.Equal("health-host", body.RootElement.GetProperty("instance").GetString());
                Assert.Equal("Postgres store answers", body.RootElement.GetProperty("checks").GetProperty("store").GetProperty("description").GetString());
            }

            // The database goes away for this instance: no new connections, and the open ones are cut.
            PostgresServer.Run(PostgresServer.Require(), $"""
                ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS false;
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}';
                """);
            var down = await Eventually.Until(() => client.GetAsync("/healthz"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable, what: "503 while the database is unreachable");
            Assert.Contains("Postgres store does not answer", await down.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            PostgresServer.Run(PostgresServer.Require(), $"""ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true;""");
            await Eventually.Until(() => client.GetAsync("/healthz"), r => r.StatusCode == HttpStatusCode.OK, what: "healthy again once the database is back");
        }
        finally
        {
            PostgresServer.Run(PostgresServer.Require(), $"""ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true;""");
            PostgresServer.DropDatabase(database);
        }
    }

    /// <summary>One sample of the Prometheus text exposition format: a metric name, its labels, its value.</summary>
    private sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    /// <summary>
    /// Reads Prometheus text: every line is blank, a comment (<c># HELP</c>, <c># TYPE</c> naming a known
    /// type, <c># UNIT</c>, <c># EOF</c>) or a sample; anything else fails the test, so malformed output cannot pass.
    /// </summary>
    private static List<Sample> Parse(string text)
    {
        var samples = new List<Sample>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                Assert.Matches(CommentLine(), line);
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a Prometheus sample: {line}");
            var labels = LabelPair().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);
            samples.Add(new Sample(match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }

        return samples;
    }

    private static double Sum(IEnumerable<Sample> samples, string name, params (string Key, string Value)[] labels) =>
        samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).Sum(s => s.Value);

    [GeneratedRegex(@"^# (TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram|summary|untyped|unknown|info)|UNIT [a-zA-Z_:][a-zA-Z0-9_:]* \w+|EOF)$")]
    private static partial Regex CommentLine();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>[-+]?(\d+(\.\d*)?([eE][-+]?\d+)?|Inf|NaN))( \d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""(?<key>[a-zA-Z_][a-zA-Z0-9_]*)="(?<value>(\\.|[^"\\])*)",?""")]
    private static partial Regex LabelPair();
}
