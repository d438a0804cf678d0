using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace UpgradeBot.Teams.Tests.Support;

/// <summary>
/// The real UpgradeBot host on Kestrel (127.0.0.1, a free port) over a fresh SQLite file, with one
/// upgrade configured and a fake clock. Anonymous Bot Framework mode unless settings say otherwise.
/// </summary>
public sealed class TeamsHost : WebApplicationFactory<Program>
{
    /// <summary>The configured upgrade: phase 1 on Tue 2027-03-23, phase 2 Thu 22:00 to Fri 2027-03-26 06:00 UTC.</summary>
    public static readonly DateTimeOffset DuringUpgrade = new(2027, 3, 23, 12, 0, 0, TimeSpan.Zero);

    public const string CalendarUrl = "https://upgradebot.example.com/api/calendar/upgrades.ics";

    public static readonly DateTimeOffset LongAfterUpgrade = new(2027, 4, 2, 12, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, string?> _settings;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "upgradebot-teams-tests", Guid.NewGuid().ToString("N"));

    public TeamsHost(DateTimeOffset now, IDictionary<string, string?>? settings = null)
    {
        Directory.CreateDirectory(_directory);
        Clock = new FakeTimeProvider(now);
        // As BotHost: a test of something else sees the service as it configures it, not with the
        // playground a local-mode host turns on (which would put its own Customer Champions conversations in place).
        _settings = new Dictionary<string, string?>
        {
            ["Playground:Enabled"] = "false",
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(_directory, "bot.db")}",
            ["Calendar:TimeZone"] = "Europe/London",
            ["Calendar:Feed:PublicUrl"] = CalendarUrl,
            ["Upgrades:0:Id"] = "2027-03",
            ["Upgrades:0:Title"] = "March 2027 public cloud upgrade",
            ["Upgrades:0:StatusUrl"] = "https://status.example.com/upgrades/2027-03",
            ["Upgrades:0:Phases:0:Name"] = "Phase 1",
            ["Upgrades:0:Phases:0:Start"] = "2027-03-23T06:00:00Z",
            ["Upgrades:0:Phases:0:End"] = "2027-03-23T18:00:00Z",
            ["Upgrades:0:Phases:1:Name"] = "Phase 2",
            ["Upgrades:0:Phases:1:Start"] = "2027-03-25T22:00:00Z",
            ["Upgrades:0:Phases:1:End"] = "2027-03-26T06:00:00Z",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        StartServer();
        Client = CreateClient();
    }

    public FakeTimeProvider Clock { get; }

    public HttpClient Client { get; }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async Task<HttpResponseMessage> PostAsync(JsonObject activity, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TeamsPlatform.MessagesPath) { Content = JsonContent.Create(activity) };
        if (bearer is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        return await Client.SendAsync(request);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(_settings));
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the OS temp cleaner takes it later.
        }
    }
}
