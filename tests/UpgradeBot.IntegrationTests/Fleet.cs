using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using UpgradeBot.Testing;

namespace UpgradeBot.IntegrationTests;

/// <summary>
/// Host processes sharing one PostgreSQL database (a fresh one, dropped at the end), each started as
/// an operator would start an instance of a fleet, and the signed requests Slack and Teams send them.
/// </summary>
internal sealed class Fleet : IAsyncDisposable
{
    public const string AdminKey = "fleet-admin-key";

    private readonly List<BotProcess.Running> _hosts = [];
    private readonly List<HttpClient> _clients = [];

    private Fleet(string database) => Database = database;

    public string Database { get; }

    public IReadOnlyList<BotProcess.Running> Hosts => _hosts;

    public IReadOnlyList<HttpClient> Clients => _clients;

    /// <summary>Starts <paramref name="count"/> hosts on a new database with <paramref name="settings"/>; skips or fails the test without a PostgreSQL server.</summary>
    public static async Task<Fleet> StartAsync(int count, IReadOnlyDictionary<string, string> settings)
    {
        var fleet = new Fleet(PostgresServer.CreateDatabase());
        for (var i = 0; i < count; i++)
        {
            var environment = new Dictionary<string, string>(settings)
            {
                ["Storage__Provider"] = "Postgres",
                ["Storage__ConnectionString"] = fleet.Database,
                ["Slack__SigningSecret"] = SlackBot.Secret,
                ["Admin__ApiKeys__0"] = AdminKey,
                ["Instance__Id"] = $"host-{i}",
                ["Logging__LogLevel__Default"] = "Warning",
            };
            fleet._hosts.Add(BotProcess.Start(environment));
        }

        foreach (var host in fleet._hosts)
        {
            fleet._clients.Add(await host.ClientAsync());
        }

        return fleet;
    }

    /// <summary>A signed Slack request, as Slack signs it.</summary>
    public static HttpRequestMessage Signed(string path, string body, string contentType)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SlackBot.Sign(SlackBot.Secret, timestamp, body));
        return request;
    }

    /// <summary><c>/upgrade subscribe</c> typed in a channel of a workspace.</summary>
    public static HttpRequestMessage Subscribe(string team, string channel) => Signed(
        "/api/slack/commands",
        SlackBot.Form(
            ("team_id", team),
            ("channel_id", channel),
            ("channel_name", channel),
            ("user_id", "U0ADMIN1"),
            ("user_name", "ada"),
            ("command", "/upgrade"),
            ("text", "subscribe"),
            ("trigger_id", Guid.NewGuid().ToString("N"))),
        "application/x-www-form-urlencoded");

    /// <summary>
    /// An upgrade starting in a second, scheduled through a host's admin API: later than every
    /// subscription so far, which therefore hears that it started.
    /// </summary>
    public static async Task ScheduleAsync(HttpClient client, string id, string title)
    {
        var now = DateTimeOffset.UtcNow;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/upgrades")
        {
            Content = JsonContent.Create(new
            {
                id,
                title,
                statusUrl = $"https://status.example.com/{id}",
                phases = new[] { new { name = "Everywhere", start = now.AddSeconds(1), end = now.AddHours(1) } },
            }),
        };
        request.Headers.Authorization = new("Bearer", AdminKey);
        var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"scheduling answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The last lines each host wrote, for a failure message.</summary>
    public string Output => string.Join(Environment.NewLine, _hosts.Select((h, i) => $"--- host-{i}{Environment.NewLine}{h.Output}"));

    public ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        PostgresServer.DropDatabase(Database);
        return ValueTask.CompletedTask;
    }
}
