using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using UpgradeBot.Core.Subscriptions;
using UpgradeBot.FanOut;
using UpgradeBot.Slack;
using UpgradeBot.Storage;
using UpgradeBot.Storage.Sqlite;
using UpgradeBot.Testing;

// Announcement fan-out against fakes that enforce the platforms' limits: the real host as a process,
// its subscriptions written into a fresh database, one upgrade starting now. Prints each run's time
// from the first post that reached the fake to the last one it accepted, against the least time the
// binding limit allows. Manual, not in CI: it takes about a minute.
var options = Arguments.Parse(args);

var slack = await RunAsync(
    "Slack",
    options.SlackChannels,
    options.SlackWorkspacePerSecond,
    $"{options.SlackChannels} channels, 1 msg/s per channel, workspace cap {options.SlackWorkspacePerSecond}/s, bot set to {options.BotRate(options.SlackWorkspacePerSecond)}/s",
    async (app, database) =>
    {
        var fake = new SlackLimits(options.SlackWorkspacePerSecond);
        app.MapPost("/api/{method}", async (string method, HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            return fake.Handle(method, body.RootElement);
        });
        await app.StartAsync();
        var subscriptions = new SubscriptionStore(database);
        for (var i = 0; i < options.SlackChannels; i++)
        {
            var channel = string.Create(CultureInfo.InvariantCulture, $"C{i:D8}");
            await subscriptions.SubscribeAsync(new ConversationKey(SlackPlatform.Name, SlackLimits.TeamId, channel), new SlackConversation(SlackLimits.TeamId, channel).Serialize(), null, DateTimeOffset.UtcNow.AddMinutes(-5));
        }

        return (fake.Record, new Dictionary<string, string>
        {
            ["Slack__SigningSecret"] = "bench-secret",
            ["Slack__BotToken"] = SlackLimits.Token,
            ["Slack__ApiBaseUrl"] = app.Urls.Single() + "/api/",
            ["Slack__WorkspaceMessagesPerSecond"] = options.BotRate(options.SlackWorkspacePerSecond).ToString(CultureInfo.InvariantCulture),
        });
    });

var teams = await RunAsync(
    "Teams",
    options.TeamsConversations,
    options.TeamsTenantPerSecond,
    $"{options.TeamsConversations} conversations in one tenant, per-conversation 7/1 s, 8/2 s, 60/30 s, tenant {options.TeamsTenantPerSecond}/s, bot set to {(int)options.BotRate(options.TeamsTenantPerSecond)}/s",
    async (app, database) =>
    {
        var fake = new TeamsLimits(options.TeamsTenantPerSecond);
        app.MapPost("/v3/conversations/{**path}", (string path) => fake.Handle(Uri.UnescapeDataString(path.Split('/')[0])));
        await app.StartAsync();
        var serviceUrl = app.Urls.Single() + "/";
        var subscriptions = new SubscriptionStore(database);
        for (var i = 0; i < options.TeamsConversations; i++)
        {
            var conversation = string.Create(CultureInfo.InvariantCulture, $"19:bench-{i}@thread.tacv2");
            var reference = JsonSerializer.Serialize(new
            {
                bot = new { id = "28:upgradebot", name = "UpgradeBot" },
                conversation = new { isGroup = true, conversationType = "channel", id = conversation, tenantId = "bench" },
                channelId = "msteams",
                serviceUrl,
            });
            await subscriptions.SubscribeAsync(new ConversationKey("teams", "bench", conversation), reference, null, DateTimeOffset.UtcNow.AddMinutes(-5));
        }

        return (fake.Record, new Dictionary<string, string>
        {
            ["Teams__TenantSendsPerSecond"] = ((int)options.BotRate(options.TeamsTenantPerSecond)).ToString(CultureInfo.InvariantCulture),
        });
    });

Console.WriteLine();
Console.WriteLine("| run | posts | 429s | measured | theoretical minimum | ratio |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
foreach (var run in new[] { slack, teams })
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {run.Name}: {run.Setup} | {run.Posts} | {run.Rejected} | {run.Measured.TotalSeconds:F1} s | {run.Minimum.TotalSeconds:F1} s | {run.Measured / run.Minimum:F2} |"));
}

static async Task<Run> RunAsync(
    string name,
    int conversations,
    int perSecond,
    string setup,
    Func<WebApplication, SqliteConnectionFactory, Task<(FanOutRecord Record, Dictionary<string, string> Settings)>> prepare)
{
    var folder = Directory.CreateTempSubdirectory("upgradebot-fanout-");
    try
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        var database = new SqliteConnectionFactory($"Data Source={Path.Combine(folder.FullName, "bot.db")}", folder.FullName);
        await new StoreLifecycle(database, TimeProvider.System).MigrateAsync();
        var (record, settings) = await prepare(app, database);
        SqliteConnection.ClearAllPools();

        var now = DateTimeOffset.UtcNow;
        settings["Storage__ConnectionString"] = $"Data Source={Path.Combine(folder.FullName, "bot.db")}";
        settings["Upgrades__0__Id"] = "bench";
        settings["Upgrades__0__Title"] = "Fan-out benchmark upgrade";
        settings["Upgrades__0__StatusUrl"] = "https://status.example.com/bench";
        settings["Upgrades__0__Phases__0__Name"] = "Everywhere";
        settings["Upgrades__0__Phases__0__Start"] = now.ToString("O", CultureInfo.InvariantCulture);
        settings["Upgrades__0__Phases__0__End"] = now.AddHours(1).ToString("O", CultureInfo.InvariantCulture);
        settings["Announcements__Delivery__PollInterval"] = "00:00:00.500";
        settings["Logging__LogLevel__Default"] = "Warning";

        Console.WriteLine($"{name}: {setup}; running the host…");
        using var bot = BotProcess.Start(settings);
        var stopwatch = Stopwatch.StartNew();
        var nextReport = TimeSpan.FromSeconds(10);
        while (record.Accepted.Count < conversations)
        {
            if (bot.HasExited || stopwatch.Elapsed > TimeSpan.FromMinutes(15))
            {
                throw new InvalidOperationException($"{name}: {record.Accepted.Count} of {conversations} reached; host output:{Environment.NewLine}{bot.Output}");
            }

            await Task.Delay(50);
            if (stopwatch.Elapsed > nextReport)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {stopwatch.Elapsed.TotalSeconds:F0} s: {record.Accepted.Count} of {conversations} reached, {record.Rejected} answered 429"));
                nextReport += TimeSpan.FromSeconds(10);
            }
        }

        var minimum = TimeSpan.FromSeconds((double)conversations / perSecond);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {record.Posts} posts ({record.Accepted.Count} conversations), {record.Rejected} answered 429, {record.Span.TotalSeconds:F1} s from first post to last (minimum {minimum.TotalSeconds:F1} s)"));
        return new Run(name, setup, record.Posts, record.Rejected, record.Span, minimum);
    }
    finally
    {
        SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }
}

internal sealed record Run(string Name, string Setup, int Posts, int Rejected, TimeSpan Measured, TimeSpan Minimum);

/// <summary>
/// Sizes of the two runs. The defaults scale Slack's usual workspace cap (about 50/s, 100 s for
/// 5,000 channels) up to 200/s so the whole run takes about a minute; pass 50 to measure it as is.
/// </summary>
/// <summary><c>--headroom</c>: percent below the fake's cap that the bot's own rate setting is put, as an operator might.</summary>
internal sealed record Arguments(int SlackChannels, int SlackWorkspacePerSecond, int TeamsConversations, int TeamsTenantPerSecond, int Headroom)
{
    public double BotRate(int cap) => cap * (100 - Headroom) / 100.0;

    public static Arguments Parse(string[] args)
    {
        int Read(string name, int fallback) =>
            Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

        return new Arguments(
            Read("--slack-channels", 5_000),
            Read("--slack-workspace-rate", 200),
            Read("--teams-conversations", 500),
            Read("--teams-tenant-rate", 50),
            Read("--headroom", 0));
    }
}
