using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Retention;
using UpgradeBot.Testing;

namespace UpgradeBot.Slack.Tests;

/// <summary>
/// A workspace that removes the app loses its tokens at once, and everything else the bot stored
/// about it after <c>Retention:UninstalledWorkspaces</c> (30 days), unless it installs the app again first.
/// </summary>
public sealed class UninstallRetentionTests
{
    private static readonly CustomerKey Acme = new(SlackPlatform.Name, "T0ACME001");

    [Fact]
    public async Task A_workspace_that_removed_the_app_is_erased_after_the_period_unless_it_installed_it_again()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bot = await SlackBot.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var customers = bot.Host.Services.GetRequiredService<ICustomerDataStore>();
        var acme = await bot.InstallNewAsync("T0ACME001", "Acme Backup Admins");
        var beta = await bot.InstallNewAsync("T0BETA001", "Beta Hosting");
        foreach (var (workspace, channel) in new[] { (acme, "C0ACME01"), (beta, "C0BETA01") })
        {
            var from = SlackPayloads.Origin.Of(workspace);
            await bot.EventAsync(SlackPayloads.Membership($"Ev0JOIN{channel}", "member_joined_channel", channel, from: from));
            await bot.ProcessedAsync($"Ev0JOIN{channel}");
            bot.Slack.OAuth.Uninstall(workspace);
            await bot.EventAsync(SlackPayloads.Uninstalled($"Ev0GONE{channel}", from, DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
            await bot.ProcessedAsync($"Ev0GONE{channel}");
        }

        Assert.Null(await bot.Installations.FindAsync("team:T0ACME001"));
        var before = (await customers.ExportAsync(Acme)).Tables.ToDictionary(t => t.Name, t => t.Rows.Count);
        Assert.Equal((1, 2, 1), (before["subscriptions"], before["inbound_events"], before["customer_removals"]));

        clock.Advance(TimeSpan.FromDays(10));
        (await bot.InstallAsync(beta)).Dispose();

        clock.Advance(TimeSpan.FromDays(20) - TimeSpan.FromMinutes(1));
        await BackgroundSteps.RunUntilDoneAsync(bot.Host.Services, "retention");
        Assert.Single((await customers.ExportAsync(Acme)).Tables.Single(t => t.Name == "subscriptions").Rows);

        clock.Advance(TimeSpan.FromMinutes(2));
        await BackgroundSteps.RunUntilDoneAsync(bot.Host.Services, "retention");
        Assert.All((await customers.ExportAsync(Acme)).Tables, t => Assert.Empty(t.Rows));
        Assert.NotNull(await bot.Installations.FindAsync("team:T0BETA001"));
        Assert.NotNull(await bot.Subscriptions.GetAsync(SlackPlatform.Key("T0BETA001", "C0BETA01")));
        Assert.Empty(await customers.ListRemovedAsync(clock.GetUtcNow(), 10));
    }
}
