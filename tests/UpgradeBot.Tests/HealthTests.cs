using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using UpgradeBot.Core.Schedule;
using UpgradeBot.Core.Storage;
using UpgradeBot.Testing;

namespace UpgradeBot.Tests;

public class HealthTests
{
    [Fact]
    public async Task Healthz_is_ok_when_the_store_answers()
    {
        using var temp = new TempDirectory();
        await using var host = new BotHost(temp.File("bot.db"));

        var response = await host.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(File.Exists(temp.File("bot.db")));
    }

    [Fact]
    public async Task Healthz_is_unavailable_when_the_store_does_not_answer()
    {
        using var temp = new TempDirectory();
        await using var host = new BotHost(temp.File("bot.db")) { Overrides = s => s.AddSingleton<IStoreLifecycle, SilentStore>() };

        var response = await host.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Healthz_stays_200_and_shows_the_feed_degraded_while_it_fails_and_ok_once_it_answers()
    {
        using var temp = new TempDirectory();
        await using var page = await FakeStatusPage.StartAsync();
        page.Fail(503, "<html>Service Unavailable</html>");
        await using var host = new BotHost(temp.File("bot.db"), new Dictionary<string, string?>
        {
            ["UpgradeFeed:Url"] = page.Url,
            ["UpgradeFeed:PollInterval"] = "00:00:01",
        });
        var client = host.CreateClient();

        var degraded = await Eventually.Until(() => HealthAsync(client), h => h.Feed == "degraded", what: "the feed reported degraded");
        page.Serve(StatusPageFixture.Document(StatusPageFixture.Maintenance(
            "p2kx8vq4mz1a", "Public cloud upgrade", "scheduled", new DateTimeOffset(2099, 3, 26, 22, 0, 0, TimeSpan.Zero), new DateTimeOffset(2099, 3, 27, 6, 0, 0, TimeSpan.Zero))), DateTimeOffset.UtcNow);
        var recovered = await Eventually.Until(() => HealthAsync(client), h => h.Feed == "healthy", what: "the feed reported healthy again");

        Assert.Equal((HttpStatusCode.OK, "degraded"), (degraded.Code, degraded.Overall));
        Assert.Contains("answered HTTP 503", degraded.Description, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, "ok"), (recovered.Code, recovered.Overall));
        var windows = await host.Services.GetRequiredService<IUpgradeSchedule>().GetWindowsAsync(TestContext.Current.CancellationToken);
        Assert.Equal("statuspage:p2kx8vq4mz1a", Assert.Single(windows).Id);
    }

    private static async Task<(HttpStatusCode Code, string Overall, string? Feed, string? Description)> HealthAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/healthz");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var feed = body.GetProperty("checks").TryGetProperty("upgrade-feed", out var check) ? check : (JsonElement?)null;
        return (response.StatusCode, body.GetProperty("status").GetString()!, feed?.GetProperty("status").GetString(), feed?.GetProperty("description").GetString());
    }

    private sealed class SilentStore : IStoreLifecycle
    {
        public Task MigrateAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<bool> PingAsync(CancellationToken cancellationToken = default) => throw new IOException("disk gone");
    }
}
