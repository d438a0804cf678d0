using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Schedule;
using UpgradeBot.Hosting;
using UpgradeBot.Playground;
using UpgradeBot.Teams;
using UpgradeBot.Testing;

namespace UpgradeBot.Tests.Playground;

public sealed class DemoScheduleTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>Each scenario of the page puts a symptom in its own verdict, whatever the day: weekdays, a weekend, just after midnight, after a holiday.</summary>
    [Theory]
    [InlineData("2027-03-24T10:00:00Z")]
    [InlineData("2027-03-27T12:00:00Z")]
    [InlineData("2027-03-29T00:30:00+01:00")]
    [InlineData("2027-04-06T09:00:00+01:00")]
    public void Each_scenario_gives_its_verdict(string at)
    {
        var now = DateTimeOffset.Parse(at, CultureInfo.InvariantCulture);
        var timing = new TimingRule(new BusinessCalendar(London, BusinessCalendar.MondayToFriday, [new DateOnly(2027, 4, 5)]), 1, 14);
        var expected = new Dictionary<string, Verdict>
        {
            ["ended"] = Verdict.PersistingEscalate,
            ["running"] = Verdict.ExpectedDuringUpgrade,
            ["settling"] = Verdict.SettlingAfterUpgrade,
            ["none"] = Verdict.NotUpgradeRelated,
        };

        foreach (var scenario in DemoScenario.All)
        {
            Assert.Equal(expected[scenario.Id], timing.Assess(scenario.Windows(now, timing), now).Verdict);
        }
    }

    [Fact]
    public void The_ended_upgrade_ended_two_business_days_ago_or_as_long_ago_as_a_longer_grace_period_needs()
    {
        var wednesday = new DateTimeOffset(2027, 3, 24, 10, 0, 0, TimeSpan.Zero);
        var calendar = new BusinessCalendar(London, BusinessCalendar.MondayToFriday, []);

        Assert.Equal(new DateOnly(2027, 3, 22), calendar.LocalDate(DemoUpgrades.Ended(wednesday, new TimingRule(calendar, 1, 14)).End));
        var longGrace = new TimingRule(calendar, 3, 14);
        var ended = DemoUpgrades.Ended(wednesday, longGrace);
        Assert.Equal(Verdict.PersistingEscalate, longGrace.Assess([ended], wednesday).Verdict);
    }

    /// <summary>
    /// A local-mode host with the playground and a real upgrade, one conversation subscribed as a
    /// customer's would be: answers read the demo upgrades, but across a whole demo upgrade (its second
    /// phase, its end) the outbox plans and posts only the real one, to the customer and to nobody about a demo.
    /// </summary>
    [Fact]
    public async Task Demo_upgrades_are_answered_but_never_announced_to_real_subscriptions()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var connector = await FakeConnector.StartAsync();
        using var temp = new TempDirectory();
        var start = clock.GetUtcNow().AddMinutes(2);
        await using var host = new BotHost(temp.File("bot.db"), new Dictionary<string, string?>
        {
            ["Playground:Enabled"] = null,
            ["Upgrades:0:Id"] = "real",
            ["Upgrades:0:Title"] = "Real upgrade",
            ["Upgrades:0:Phases:0:Name"] = "Everywhere",
            ["Upgrades:0:Phases:0:Start"] = start.ToString("O", CultureInfo.InvariantCulture),
            ["Upgrades:0:Phases:0:End"] = start.AddHours(1).ToString("O", CultureInfo.InvariantCulture),
        })
        {
            Overrides = services => services.AddSingleton<TimeProvider>(clock),
        };
        var client = host.StartOnLoopback();
        const string Customer = "19:customer-ops@thread.tacv2";
        (await client.PostAsJsonAsync(TeamsPlatform.MessagesPath, new Activities(connector.ServiceUrl).BotAdded(Customer))).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/playground/demo", new { scenario = "running" })).EnsureSuccessStatusCode();

        var answering = await host.Services.AnsweringSchedule().GetWindowsAsync();
        var announced = await host.Services.GetRequiredService<IUpgradeSchedule>().GetWindowsAsync();
        Assert.Contains(answering, w => w.Id.StartsWith(DemoUpgrades.IdPrefix, StringComparison.Ordinal));
        Assert.DoesNotContain(announced, w => w.Id.StartsWith(DemoUpgrades.IdPrefix, StringComparison.Ordinal));

        var demo = DemoUpgrades.Running(clock.GetUtcNow());
        var outbox = host.Services.GetRequiredService<AnnouncementOutbox>();
        var store = host.Services.GetRequiredService<IAnnouncementStore>();
        foreach (var moment in new[] { start, start.AddHours(1), demo.Phases[1].Start, demo.End })
        {
            clock.SetUtcNow(moment.AddSeconds(1));
            // Two sends in one instant (the completed reply, the started post updated) are spaced by the tenant's rate.
            await ClockDriven.RunAsync(clock, () => outbox.RunOnceAsync(CancellationToken.None));
        }

        await Eventually.True(() => connector.CallsTo(Customer).Count(c => c.Card?.ToJsonString().Contains("Real upgrade", StringComparison.Ordinal) == true) >= 2, what: "the real upgrade's started and completed posts");
        Assert.DoesNotContain(connector.Calls, c => c.Card?.ToJsonString().Contains("Demo upgrade", StringComparison.Ordinal) == true);
        Assert.Empty(await store.ListForWindowsAsync([.. answering.Select(w => w.Id).Where(id => id.StartsWith(DemoUpgrades.IdPrefix, StringComparison.Ordinal))]));
        Assert.All(await store.ListForWindowsAsync(["real"]), row => Assert.Equal(Customer, row.Key.Conversation.ChannelId));
    }
}
