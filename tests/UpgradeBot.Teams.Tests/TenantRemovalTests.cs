using System.Text.Json.Nodes;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Retention;
using UpgradeBot.Teams.Tests.Support;
using UpgradeBot.Testing;

namespace UpgradeBot.Teams.Tests;

/// <summary>
/// Teams never says that a tenant removed the app: the bot being removed from the tenant's last
/// conversation with announcements stands for it, and the tenant's data goes after
/// <c>Retention:UninstalledWorkspaces</c> (30 days) unless the bot is added there again.
/// </summary>
public sealed class TenantRemovalTests() : TeamsHostTest(TeamsHost.LongAfterUpgrade)
{
    private const string Leaving = Activities.TenantId;
    private const string Returning = "tenant-2";

    private static JsonObject In(string tenant, JsonObject activity)
    {
        activity["conversation"]!["tenantId"] = tenant;
        activity["channelData"]!["tenant"]!["id"] = tenant;
        return activity;
    }

    private ICustomerDataStore Customers => Bot.Service<ICustomerDataStore>();

    private async Task<int> RowsAboutAsync(string tenant) =>
        (await Customers.ExportAsync(new CustomerKey(TeamsPlatform.Name, tenant))).Tables.Sum(t => t.Rows.Count);

    [Fact]
    public async Task A_tenant_the_bot_left_everywhere_is_erased_after_the_period_and_one_it_came_back_to_is_kept()
    {
        var start = Bot.Clock.GetUtcNow();
        await Bot.PostAsync(Payloads.BotAdded("19:general@thread.tacv2"));
        await Bot.PostAsync(Payloads.Installation("add", "19:group@thread.v2"));
        await Bot.PostAsync(In(Returning, Payloads.BotAdded("19:other@thread.tacv2")));
        await Bot.Service<IEscalationStore>().AdmitAsync(
            new Asker(TeamsPlatform.Name, Leaving, "29:user-1", "Alex Admin", "a:personal-1"),
            new EscalationContext("escalate", "none", null, "please call me", start),
            customer: null,
            // No destination: the escalation outbox has nothing to add to it meanwhile.
            [],
            5,
            new DateTimeOffset(start.UtcDateTime.Date, TimeSpan.Zero),
            start,
            origin: null);

        await Bot.PostAsync(Payloads.BotRemoved("19:general@thread.tacv2"));
        Assert.Empty(await Customers.ListRemovedAsync(start.AddDays(365), 10));

        await Bot.PostAsync(Payloads.Installation("remove", "19:group@thread.v2"));
        await Bot.PostAsync(In(Returning, Payloads.BotRemoved("19:other@thread.tacv2")));
        Assert.Equal(
            [new CustomerKey(TeamsPlatform.Name, Leaving), new CustomerKey(TeamsPlatform.Name, Returning)],
            (await Customers.ListRemovedAsync(start.AddSeconds(1), 10)).OrderBy(c => c.Id, StringComparer.Ordinal));

        Bot.Clock.Advance(TimeSpan.FromDays(10));
        await Bot.PostAsync(In(Returning, Payloads.BotAdded("19:other@thread.tacv2")));

        Bot.Clock.Advance(TimeSpan.FromDays(20) - TimeSpan.FromMinutes(1));
        await BackgroundSteps.RunUntilDoneAsync(Bot.Services, "retention");
        // Two subscriptions, the escalation, the record of removal, and who installed the bot.
        Assert.Equal(5, await RowsAboutAsync(Leaving));

        Bot.Clock.Advance(TimeSpan.FromMinutes(2));
        await BackgroundSteps.RunUntilDoneAsync(Bot.Services, "retention");
        Assert.Equal(0, await RowsAboutAsync(Leaving));
        Assert.Empty(await Customers.ListRemovedAsync(Bot.Clock.GetUtcNow(), 10));
        Assert.True((await Bot.Service<Core.Subscriptions.ISubscriptionStore>().GetAsync(new(TeamsPlatform.Name, Returning, "19:other@thread.tacv2")))?.Active);
    }
}
