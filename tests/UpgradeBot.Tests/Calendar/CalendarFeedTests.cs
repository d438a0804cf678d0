using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using UpgradeBot.Calendar;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Schedule;
using UpgradeBot.Testing;

namespace UpgradeBot.Tests.Calendar;

/// <summary>
/// <c>GET /api/calendar/upgrades.ics</c> from the real host, read by ical.js (tests/clients/calendar),
/// an iCalendar parser that shares nothing with the library that wrote it.
/// </summary>
public sealed class CalendarFeedTests : IDisposable
{
    private const string AdminKey = "admin-key-for-calendar-tests";
    private const string PublicUrl = "https://upgradebot.example.com/api/calendar/upgrades.ics";
    private static readonly string OutFolder = Path.Combine(ClientChecks.Folder("out"), "calendar");

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private BotHost Host(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["Admin:ApiKeys:0"] = AdminKey,
            ["Calendar:Feed:PublicUrl"] = PublicUrl,
            ["Upgrades:0:Id"] = "2099-spring",
            ["Upgrades:0:Title"] = "Spring public cloud upgrade",
            ["Upgrades:0:StatusUrl"] = "https://status.example.com/2099-spring",
            ["Upgrades:0:Phases:0:Name"] = "Europe",
            ["Upgrades:0:Phases:0:Start"] = "2099-03-26T22:00:00Z",
            ["Upgrades:0:Phases:0:End"] = "2099-03-27T06:00:00Z",
            ["Upgrades:0:Phases:1:Name"] = "Americas",
            ["Upgrades:0:Phases:1:Start"] = "2099-03-27T22:00:00-04:00",
            ["Upgrades:0:Phases:1:End"] = "2099-03-28T06:00:00-04:00",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return new BotHost(_temp.File("bot.db"), all);
    }

    private static object Upgrade(string id, string start, string end) =>
        new { id, title = $"Upgrade {id}", statusUrl = $"https://status.example.com/{id}", phases = new[] { new { name = "Everywhere", start, end } } };

    [Fact]
    public async Task The_feed_read_by_ical_js_matches_the_windows_and_a_reschedule_raises_the_sequence()
    {
        ClientChecks.RequireInstalled("calendar", "ical.js", ".ci/setup.d/50-calendar-clients.sh");
        await using var host = Host();
        var admin = host.CreateAdminClient(AdminKey);
        var token = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/admin/upgrades", Upgrade("2099-04", "2099-04-23T22:00:00Z", "2099-04-24T06:00:00Z"), token)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/admin/upgrades", Upgrade("2099-05", "2099-05-21T22:00:00Z", "2099-05-22T06:00:00Z"), token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/admin/upgrades/2099-05/cancel", null, token)).StatusCode);

        var first = await ParseAsync(host, "before-reschedule");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/admin/upgrades/2099-04", Upgrade("2099-04", "2099-04-30T22:00:00Z", "2099-05-01T06:00:00Z"), token)).StatusCode);
        var second = await ParseAsync(host, "after-reschedule");

        var windows = await host.Services.GetRequiredService<IUpgradeSchedule>().GetWindowsAsync(token);
        Assert.Equal("Public cloud upgrades", first.GetProperty("name").GetString());
        var events = second.GetProperty("events").EnumerateArray().ToDictionary(e => e.GetProperty("uid").GetString()!);
        Assert.Equal(windows.Sum(w => w.Phases.Count), events.Count);
        foreach (var window in windows)
        {
            for (var i = 0; i < window.Phases.Count; i++)
            {
                var e = events[UpgradeCalendar.Uid(window, i)];
                Assert.Equal(window.Phases[i].Start, e.GetProperty("start").GetDateTimeOffset());
                Assert.Equal(window.Phases[i].End, e.GetProperty("end").GetDateTimeOffset());
                Assert.Equal(window.Revision, e.GetProperty("sequence").GetInt32());
                Assert.Equal(window.Cancelled ? "CANCELLED" : "CONFIRMED", e.GetProperty("status").GetString());
                Assert.Equal(window.StatusUrl?.ToString(), e.GetProperty("url").GetString());
                Assert.Contains(window.Title, e.GetProperty("summary").GetString(), StringComparison.Ordinal);
                Assert.Contains(window.Cancelled ? "will not take place" : "Your environment and your data are not at risk", e.GetProperty("description").GetString(), StringComparison.Ordinal);
            }
        }

        Assert.Equal("Spring public cloud upgrade: Americas", events["upgrade-2099-spring-phase-2@upgradebot"].GetProperty("summary").GetString());
        var april = "upgrade-2099-04-phase-1@upgradebot";
        var before = first.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("uid").GetString() == april);
        Assert.Equal((1, 2), (before.GetProperty("sequence").GetInt32(), events[april].GetProperty("sequence").GetInt32()));
        Assert.Equal(DateTimeOffset.Parse("2099-04-30T22:00:00Z"), events[april].GetProperty("start").GetDateTimeOffset());
    }

    [Fact]
    public async Task The_feed_needs_no_key_and_is_served_as_a_calendar()
    {
        await using var host = Host();

        using var response = await host.CreateClient().GetAsync(CalendarEndpoints.FeedPath, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.StartsWith("BEGIN:VCALENDAR", body, StringComparison.Ordinal);
        Assert.Contains("DTSTART:20990326T220000Z", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Turned_off_the_feed_is_404_and_no_answer_offers_it()
    {
        await using var host = Host(("Calendar:Feed:Enabled", "false"));

        using var response = await host.CreateClient().GetAsync(CalendarEndpoints.FeedPath, TestContext.Current.CancellationToken);
        var status = await host.Services.GetRequiredService<IAnswerService>().StatusAsync(DateTimeOffset.Parse("2099-03-27T02:00:00Z"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(status.CalendarUrl);
    }

    [Fact]
    public async Task The_status_answer_offers_the_feed_by_its_public_address()
    {
        await using var host = Host();

        var answers = host.Services.GetRequiredService<IAnswerService>();
        var during = await answers.StatusAsync(DateTimeOffset.Parse("2099-03-27T02:00:00Z"), TestContext.Current.CancellationToken);
        var nothing = await answers.StatusAsync(DateTimeOffset.Parse("2100-01-01T00:00:00Z"), TestContext.Current.CancellationToken);

        Assert.Equal(new Uri(PublicUrl), during.CalendarUrl);
        Assert.Equal(new Uri(PublicUrl), nothing.CalendarUrl);
        Assert.Contains($"Add to calendar: {PublicUrl}", ReplyText.Render(during), StringComparison.Ordinal);
        Assert.Equal(new Uri(PublicUrl), host.Services.GetRequiredService<CalendarFeedLink>().Url);
    }

    /// <summary>Fetches the feed, keeps it in tests/clients/out/calendar for whoever reads the run, and returns what ical.js read from it.</summary>
    private static async Task<JsonElement> ParseAsync(BotHost host, string name)
    {
        var ics = await host.CreateClient().GetStringAsync(CalendarEndpoints.FeedPath, TestContext.Current.CancellationToken);
        Directory.CreateDirectory(OutFolder);
        var file = Path.Combine(OutFolder, $"{name}-{Guid.NewGuid():N}.ics");
        await File.WriteAllTextAsync(file, ics, TestContext.Current.CancellationToken);

        var (exitCode, stdout, stderr) = await ClientChecks.RunNodeAsync("calendar", "parse.mjs", file);
        Assert.True(exitCode == 0, $"ical.js refused {file}: {stderr}");
        return JsonDocument.Parse(stdout).RootElement;
    }
}
