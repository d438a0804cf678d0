using System.Text.Json;
using UpgradeBot.Testing;

namespace UpgradeBot.Slack.Tests;

/// <summary>
/// "Add to Slack" in a real browser (tests/clients/slack-install: Chromium through playwright-core,
/// nothing outside 127.0.0.1 reachable): the bot served by Kestrel on a loopback port, the fake
/// Slack's authorize page approved, the success page reached, the installation stored.
/// </summary>
public sealed class InstallBrowserTests
{
    [Fact]
    public async Task An_admin_adds_the_bot_to_their_workspace_in_chromium_and_lands_on_the_success_page()
    {
        ClientChecks.RequireInstalled("slack-install", "playwright-core", ".ci/setup.d/35-slack-install-client.sh");
        ClientChecks.RequireChromium();
        await using var bot = await SlackBot.StartAsync(kestrel: true);
        var acme = bot.Slack.AddWorkspace("T0ACME001", "Acme Backup Admins");
        bot.Slack.Approving = acme;

        var (exitCode, stdout, stderr) = await ClientChecks.RunNodeAsync("slack-install", new Dictionary<string, string>
        {
            ["BOT_ORIGIN"] = bot.Origin,
            ["CHROMIUM_PATH"] = ClientChecks.ChromiumPath,
        }, "install.mjs");

        TestContext.Current.TestOutputHelper?.WriteLine(stdout);
        Assert.True(exitCode == 0, $"{stdout}\n{stderr}");
        var seen = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(["install", "authorize", "installed"], seen.GetProperty("pages").EnumerateArray().Select(p => p.GetProperty("step").GetString()));
        Assert.StartsWith(bot.Slack.AuthorizeUrl, seen.GetProperty("pages")[1].GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal("/api/slack/oauth_redirect", seen.GetProperty("pages")[2].GetProperty("url").GetString());
        var cookie = seen.GetProperty("cookie");
        Assert.Equal((true, "Lax", false, "/api/slack"), (cookie.GetProperty("httpOnly").GetBoolean(), cookie.GetProperty("sameSite").GetString(), cookie.GetProperty("secure").GetBoolean(), cookie.GetProperty("path").GetString()));
        Assert.False(seen.GetProperty("cookieVisibleToScript").GetBoolean());
        Assert.False(seen.GetProperty("cookieAfter").GetBoolean());
        Assert.Equal("Acme Backup Admins", seen.GetProperty("success").GetProperty("workspace").GetString());
        Assert.Contains("/invite @UpgradeBot", seen.GetProperty("success").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Empty(seen.GetProperty("blocked").EnumerateArray());
        var stored = await bot.Installations.FindAsync("team:T0ACME001");
        Assert.Equal(bot.Slack.OAuth.TokenOf(acme), stored?.BotToken.Value);
    }
}
