using System.Net;
using Microsoft.Extensions.DependencyInjection;
using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Messaging;
using UpgradeBot.Core.Schedule;
using UpgradeBot.Core.Subscriptions;
using UpgradeBot.Teams.Outbound;
using UpgradeBot.Teams.Tests.Support;
using UpgradeBot.Testing;

namespace UpgradeBot.Teams.Tests;

public sealed class ProactiveTests : IAsyncLifetime
{
    private const string Conversation = "19:announcements@thread.tacv2";
    private FakeConnector _connector = null!;
    private TeamsHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _host = new TeamsHost(TeamsHost.DuringUpgrade, new Dictionary<string, string?>
        {
            ["Escalation:Teams:ConversationId"] = "19:champions@thread.tacv2",
            ["Escalation:Teams:ServiceUrl"] = _connector.ServiceUrl,
            ["Escalation:Teams:TenantId"] = "vendor-tenant",

            // The host's clock is a fake one that stands still: a send that would have to wait is handed back instead.
            ["Teams:MaxSendWait"] = "00:00:00",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Announcement_is_posted_to_the_stored_conversation()
    {
        var result = await Messenger.SendAsync(new OutboundMessage((await SubscriptionAsync()).Address, Announcement()));

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        var post = Assert.Single(_connector.CallsTo(Conversation));
        Assert.Equal("POST", post.Method);
        Assert.Equal("msg-1", result.MessageId);
        Assert.Contains("Phase 2", post.Card!.ToJsonString());
        Assert.Contains(TeamsHost.CalendarUrl, post.Card.ToJsonString());
        CardOutput.Save("announcement", post.Card);
    }

    [Fact]
    public async Task Announcement_update_replaces_the_posted_message()
    {
        var result = await Messenger.SendAsync(new OutboundMessage((await SubscriptionAsync()).Address, Announcement(), Replaces: "msg-7"));

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        var put = Assert.Single(_connector.CallsTo(Conversation));
        Assert.Equal(("PUT", "msg-7"), (put.Method, put.ActivityId));
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task Refusal_that_will_not_change_means_the_conversation_is_gone(HttpStatusCode status)
    {
        _connector.Answer(Conversation, status);

        var result = await Messenger.SendAsync(new OutboundMessage((await SubscriptionAsync()).Address, Announcement()));

        Assert.Equal(SendOutcome.Permanent, result.Outcome);
        Assert.True(result.ConversationGone);
        Assert.Single(_connector.CallsTo(Conversation));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task Throttling_and_gateway_errors_are_sent_once_and_left_to_the_outbox_to_retry(HttpStatusCode status)
    {
        _connector.Answer(Conversation, status, status);

        var result = await Messenger.SendAsync(new OutboundMessage((await SubscriptionAsync()).Address, Announcement()));

        Assert.Equal(SendOutcome.RetryLater, result.Outcome);
        Assert.True(result.Attempted);
        Assert.Single(_connector.CallsTo(Conversation));
    }

    [Fact]
    public async Task A_conversation_over_its_per_second_limit_is_held_back_without_a_call()
    {
        var to = (await SubscriptionAsync()).Address;
        for (var i = 0; i < 7; i++)
        {
            Assert.True((await Messenger.SendAsync(new OutboundMessage(to, Announcement()))).IsSent);
            // The tenant's sends are spaced evenly (30 a second by default): step to the next one's slot.
            _host.Clock.Advance(TimeSpan.FromSeconds(1.0 / 30));
        }

        // The clock stands still within the second: the eighth send would wait; it is handed back instead.
        var held = await Messenger.SendAsync(new OutboundMessage(to, Announcement()));

        Assert.Equal(SendOutcome.RetryLater, held.Outcome);
        Assert.False(held.Attempted);
        Assert.Equal(7, _connector.CallsTo(Conversation).Count);
    }

    [Fact]
    public async Task New_escalation_is_posted_to_the_champions_conversation()
    {
        var champions = Messenger.Champions;
        Assert.NotNull(champions);
        var asker = new Asker("teams", "tenant-1", "aad-user-1", "Alex Admin", "a:personal-1");
        var context = new EscalationContext("licensing-graphs", "not-upgrade-related", null, "the licensing graphs look wrong", TeamsHost.DuringUpgrade);

        var result = await Messenger.SendAsync(new OutboundMessage(champions, new EscalationNotice(new EscalationRecord("UPG-20270323-0001", asker, context, DeliveryStatus.Pending, TeamsHost.DuringUpgrade))));

        Assert.True(result.IsSent);
        var post = Assert.Single(_connector.CallsTo("19:champions@thread.tacv2"));
        var card = post.Card!.ToJsonString();
        foreach (var expected in new[] { "UPG-20270323-0001", "Alex Admin", "tenant-1", "licensing-graphs", "the licensing graphs look wrong" })
        {
            Assert.Contains(expected, card);
        }

        CardOutput.Save("champions-escalation", post.Card);
    }

    private TeamsMessenger Messenger => _host.Service<TeamsMessenger>();

    private async Task<Subscription> SubscriptionAsync()
    {
        var reference = $$"""
            {"bot":{"id":"28:upgradebot","name":"UpgradeBot"},"conversation":{"isGroup":true,"conversationType":"channel","id":"{{Conversation}}","tenantId":"tenant-1"},"channelId":"msteams","serviceUrl":"{{_connector.ServiceUrl}}"}
            """;
        var key = new ConversationKey("teams", "tenant-1", Conversation);
        await _host.Service<ISubscriptionStore>().SubscribeAsync(key, reference, "Announcements", TeamsHost.DuringUpgrade);
        return (await _host.Service<ISubscriptionStore>().GetAsync(key))!;
    }

    private static Announcement Announcement()
    {
        var phases = new[]
        {
            new UpgradePhase("Phase 1", new(2027, 3, 23, 6, 0, 0, TimeSpan.Zero), new(2027, 3, 23, 18, 0, 0, TimeSpan.Zero)),
            new UpgradePhase("Phase 2", new(2027, 3, 25, 22, 0, 0, TimeSpan.Zero), new(2027, 3, 26, 6, 0, 0, TimeSpan.Zero)),
        };
        var upgrade = new UpgradeSummary("2027-03", "March 2027 public cloud upgrade", UpgradeStatus.Scheduled, null, phases[0].Start, phases[1].End, new Uri("https://status.example.com/upgrades/2027-03"));
        return new Announcement(AnnouncementKind.Scheduled, "Upgrade scheduled: March 2027 public cloud upgrade", "The admin console may show inconsistencies while it runs. Your data is not at risk.", upgrade, phases, null, Late: false, new Uri(TeamsHost.CalendarUrl));
    }
}
