using UpgradeBot.Testing;

namespace UpgradeBot.Tests.Playground;

/// <summary>
/// The playground page in Chromium from Debian, driven by playwright-core (tests/clients/playground):
/// both chats answer with an escalate button, the click gives a reference, the escalations reach the
/// Champions pane, a started announcement is drawn in both styles, and nothing but the bot is ever
/// requested. Without node_modules or Chromium it is skipped, unless UPGRADEBOT_REQUIRE_SERVICES=1 (CI).
/// </summary>
public sealed class PlaygroundBrowserTests
{
    [Fact]
    public async Task The_page_plays_both_platforms_in_Chromium_with_everything_but_the_bot_blocked()
    {
        ClientChecks.RequireInstalled("playground", "playwright-core", ".ci/setup.d/25-playground-client.sh");
        ClientChecks.RequireChromium();
        using var temp = new TempDirectory();
        await using var host = new BotHost(temp.File("bot.db"), new Dictionary<string, string?> { ["Playground:Enabled"] = null });
        var page = new Uri(host.StartOnLoopback().BaseAddress!, "/playground");

        var (exitCode, stdout, stderr) = await ClientChecks.RunNodeAsync("playground", "check-playground.mjs", page.AbsoluteUri);

        TestContext.Current.TestOutputHelper?.WriteLine(stdout);
        Assert.True(exitCode == 0, stdout + stderr);
    }
}
