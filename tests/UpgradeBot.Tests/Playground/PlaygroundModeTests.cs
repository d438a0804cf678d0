using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using UpgradeBot.Core.Schedule;
using UpgradeBot.Hosting;
using UpgradeBot.Playground;
using UpgradeBot.Slack;
using UpgradeBot.Testing;

namespace UpgradeBot.Tests.Playground;

/// <summary>When the playground is on (local mode, unless turned off) and what it changes in the settings.</summary>
public sealed partial class PlaygroundModeTests
{
    private static readonly string[] Hooks =
        ["teams-input", "teams-send", "teams-messages", "slack-input", "slack-send", "slack-messages", "announcements", "champions"];

    /// <summary>What a single-tenant bot needs besides its app id; none of it is a credential that turns local mode off on its own.</summary>
    private static readonly Dictionary<string, string?> BotCredentials = new()
    {
        ["MicrosoftAppPassword"] = "not-a-real-secret",
        ["MicrosoftAppTenantId"] = "vendor-tenant",
    };

    private static readonly string[] PlaygroundPaths = ["/playground", "/playground/session", "/playground/assets/playground.js", "/playground/feed"];

    [Fact]
    public async Task Is_on_in_local_mode_and_serves_the_page_and_everything_it_loads_from_the_app()
    {
        using var temp = new TempDirectory();
        await using var host = Host(temp, new() { ["Playground:Enabled"] = null });
        var client = host.StartOnLoopback();

        using var response = await client.GetAsync("/playground");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        foreach (var hook in Hooks)
        {
            Assert.Contains($"data-testid=\"{hook}\"", html, StringComparison.Ordinal);
        }

        var loaded = Loaded().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("/playground/assets/adaptivecards.min.js", loaded);
        Assert.Contains("/playground/assets/markdown-it.min.js", loaded);
        foreach (var path in loaded)
        {
            using var asset = await client.GetAsync(path);
            Assert.True(asset.StatusCode == HttpStatusCode.OK, $"{path}: {asset.StatusCode}");
            Assert.NotEmpty(await asset.Content.ReadAsByteArrayAsync());
        }

        foreach (var licence in new[] { "adaptivecards.LICENSE.txt", "markdown-it.LICENSE.txt", "swiper.LICENSE.txt" })
        {
            Assert.Contains("MIT", await client.GetStringAsync($"/playground/assets/{licence}"), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("MicrosoftAppId", "00000000-0000-0000-0000-000000000001")]
    [InlineData("Slack:SigningSecret", "a-real-signing-secret")]
    [InlineData("Slack:BotToken", "xoxb-real")]
    [InlineData("Slack:ClientId", "1234.5678")]
    public async Task Is_off_with_any_credential_so_every_playground_path_answers_404(string key, string value)
    {
        using var temp = new TempDirectory();
        var settings = new Dictionary<string, string?>(BotCredentials) { ["Playground:Enabled"] = null, [key] = value };
        if (key == "Slack:ClientId")
        {
            // A distributed Slack app is configured with all three of its settings or none.
            settings["Slack:ClientSecret"] = "a-real-client-secret";
            settings["Slack:RedirectUri"] = "https://bot.example.com/api/slack/oauth_redirect";
        }

        await using var host = Host(temp, settings);
        var client = host.CreateClient();

        foreach (var path in PlaygroundPaths)
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
        }

        using var api = await client.PostAsJsonAsync("/playground/slack/api/auth.test", new { });
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.False(host.Services.GetRequiredService<PlaygroundMode>().On);
    }

    [Fact]
    public async Task Playground_Enabled_false_turns_it_off_in_local_mode()
    {
        using var temp = new TempDirectory();
        await using var host = Host(temp, new() { ["Playground:Enabled"] = "false" });

        using var response = await host.CreateClient().GetAsync("/playground");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(string.Empty, host.Services.GetRequiredService<IOptionsMonitor<SlackOptions>>().CurrentValue.SigningSecret);
    }

    [Fact]
    public async Task Playground_Enabled_true_with_a_credential_stops_the_start_naming_the_key()
    {
        var result = await BotProcess.RunAsync(
            "--urls", "http://127.0.0.1:0",
            "--Playground:Enabled", "true",
            "--MicrosoftAppId", "00000000-0000-0000-0000-000000000001",
            "--MicrosoftAppPassword", "not-a-real-secret",
            "--MicrosoftAppTenantId", "vendor-tenant");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Playground:Enabled is true, but the playground runs only without credentials", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Makes_up_a_Slack_signing_secret_and_token_for_each_start_and_points_Slack_at_itself()
    {
        using var temp = new TempDirectory();
        var secrets = new List<string>();
        for (var start = 0; start < 2; start++)
        {
            await using var host = Host(temp, new() { ["Playground:Enabled"] = null });
            var client = host.StartOnLoopback();
            var session = await client.GetFromJsonAsync<JsonElement>("/playground/session");
            var slack = host.Services.GetRequiredService<IOptionsMonitor<SlackOptions>>().CurrentValue;

            var secret = session.GetProperty("slack").GetProperty("signingSecret").GetString()!;
            Assert.Equal(slack.SigningSecret, secret);
            Assert.True(secret.Length >= 64, secret);
            Assert.StartsWith("xoxb-playground-", slack.BotToken, StringComparison.Ordinal);
            Assert.Equal(new Uri(client.BaseAddress!, "/playground/slack/api/"), slack.ApiBaseUrl);
            Assert.Equal(PlaygroundConversations.SlackChampions, host.Services.GetRequiredService<IOptions<SlackChampionsOptions>>().Value.ChannelId);
            secrets.Add(secret);
        }

        Assert.NotEqual(secrets[0], secrets[1]);
    }

    [Fact]
    public async Task Without_the_demo_schedule_answers_read_the_real_schedule_and_the_page_offers_no_scenarios()
    {
        using var temp = new TempDirectory();
        await using var host = Host(temp, new() { ["Playground:Enabled"] = null, ["Playground:DemoSchedule"] = "false" });
        var client = host.StartOnLoopback();

        var session = await client.GetFromJsonAsync<JsonElement>("/playground/session");
        using var choice = await client.PostAsJsonAsync("/playground/demo", new { scenario = "running" });

        Assert.Equal(JsonValueKind.Null, session.GetProperty("demo").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, choice.StatusCode);
        Assert.Same(host.Services.GetRequiredService<IUpgradeSchedule>(), host.Services.AnsweringSchedule());
    }

    [Fact]
    public async Task The_service_started_as_an_operator_would_logs_the_playground_address_last_and_serves_it()
    {
        using var running = BotProcess.Start(new Dictionary<string, string>());

        var address = await Eventually.Until(
            () => Task.FromResult(Address().Match(running.Output)),
            m => m.Success || running.HasExited,
            what: "the playground address in the start log");
        Assert.True(address.Success, running.Output);
        var start = running.Output[..running.Output.IndexOf("Playground: ", StringComparison.Ordinal)];
        Assert.Contains("Application started", start, StringComparison.Ordinal);
        Assert.Contains("Content root path", start, StringComparison.Ordinal);

        using var client = new HttpClient();
        using var response = await client.GetAsync(address.Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(new[] { "http://127.0.0.1:5000" }, "http://127.0.0.1:5000/")]
    [InlineData(new[] { "https://localhost:5001", "http://localhost:5000" }, "http://localhost:5000/")]
    [InlineData(new[] { "http://[::]:8080" }, "http://localhost:8080/")]
    [InlineData(new[] { "http://0.0.0.0:8080" }, "http://localhost:8080/")]
    [InlineData(new[] { "https://[::1]:5001" }, "https://[::1]:5001/")]
    public void The_bot_calls_the_playground_on_its_own_address_plain_http_first_and_localhost_for_any_interface(string[] addresses, string origin) =>
        Assert.Equal(new Uri(origin), PlaygroundStartup.Origin(addresses));

    [Fact]
    public void A_server_without_addresses_leaves_the_playground_at_localhost() =>
        Assert.Null(PlaygroundStartup.Origin([]));

    private static BotHost Host(TempDirectory temp, Dictionary<string, string?> settings) => new(temp.File("bot.db"), settings);

    [GeneratedRegex("(?:src|href)=\"(/playground/[^\"]+)\"")]
    private static partial Regex Loaded();

    [GeneratedRegex(@"Playground: (http://127\.0\.0\.1:\d+/playground)")]
    private static partial Regex Address();
}
