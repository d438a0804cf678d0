using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using UpgradeBot.Core.Background;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Messaging;
using UpgradeBot.Core.Subscriptions;
using static UpgradeBot.Core.Tests.Escalation.EscalationFixture;

namespace UpgradeBot.Core.Tests.Escalation;

public sealed class EscalationOutboxTests
{
    private const string Reference = "UPG-20270420-0001";
    private static readonly DeliveryPolicy Policy = new(3, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(2));
    private static readonly ConversationAddress ChampionsChannel = new(new ConversationKey("slack", "T0", "C0CHAMPS"), "{}");

    private readonly FakeTimeProvider _time = new(Now);
    private readonly Mock<IEscalationStore> _store = new();
    private readonly Mock<IMessenger> _slack = new();
    private readonly EscalationRecord _escalation = new(Reference, Requester, Context(), DeliveryStatus.Pending, Now);

    public EscalationOutboxTests()
    {
        _slack.SetupGet(m => m.Platform).Returns("slack");
        _slack.SetupGet(m => m.Champions).Returns(ChampionsChannel);
        _store.Setup(s => s.GetAsync(Reference, It.IsAny<CancellationToken>())).ReturnsAsync(_escalation);
        _store.Setup(s => s.ClaimDueDeliveriesAsync(It.IsAny<DateTimeOffset>(), It.IsAny<TimeSpan>(), It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _store.Setup(s => s.ClaimDueUpdatesAsync(It.IsAny<DateTimeOffset>(), It.IsAny<TimeSpan>(), It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
    }

    [Fact]
    public async Task A_due_delivery_is_sent_to_the_champions_conversation_and_recorded_as_delivered()
    {
        Due(attempts: 0);
        _slack.Setup(m => m.SendAsync(It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>())).ReturnsAsync(SendResult.Sent("1.2"));

        Assert.False(await Outbox().RunOnceAsync(CancellationToken.None));

        _slack.Verify(m => m.SendAsync(It.Is<OutboundMessage>(o => o.To == ChampionsChannel && ((EscalationNotice)o.Content).Escalation == _escalation), It.IsAny<CancellationToken>()), Times.Once);
        _store.Verify(s => s.RecordAttemptAsync(Reference, "slack", Now, true, null, null, "1.2", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_passing_failure_is_retried_with_backoff_and_never_sooner_than_asked()
    {
        Due(attempts: 0);
        _slack.Setup(m => m.SendAsync(It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>())).ReturnsAsync(SendResult.RetryLater("ratelimited", TimeSpan.FromMinutes(2)));

        await Outbox().RunOnceAsync(CancellationToken.None);

        _store.Verify(s => s.RecordAttemptAsync(Reference, "slack", Now, false, "ratelimited", Now.AddMinutes(2), null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task The_last_allowed_attempt_gives_up()
    {
        Due(attempts: Policy.MaxAttempts - 1);
        _slack.Setup(m => m.SendAsync(It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>())).ReturnsAsync(SendResult.RetryLater("503"));

        await Outbox().RunOnceAsync(CancellationToken.None);

        _store.Verify(s => s.RecordAttemptAsync(Reference, "slack", Now, false, "503", null, null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_permanent_refusal_gives_up_at_once()
    {
        Due(attempts: 0);
        _slack.Setup(m => m.SendAsync(It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>())).ReturnsAsync(SendResult.Gone("channel_not_found"));

        await Outbox().RunOnceAsync(CancellationToken.None);

        _store.Verify(s => s.RecordAttemptAsync(Reference, "slack", Now, false, "channel_not_found", null, null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Held_back_by_our_own_rate_limit_it_waits_without_counting_an_attempt()
    {
        Due(attempts: 2);
        _slack.Setup(m => m.SendAsync(It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>())).ReturnsAsync(SendResult.Throttled(TimeSpan.FromSeconds(3)));

        await Outbox().RunOnceAsync(CancellationToken.None);

        _store.Verify(s => s.PostponeDeliveryAsync(Reference, "slack", Now.AddSeconds(3), It.IsAny<CancellationToken>()), Times.Once);
        _store.Verify(s => s.RecordAttemptAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<bool>(), It.IsAny<string?>(), It.IsAny<DateTimeOffset?>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_messenger_that_throws_is_treated_as_passing_trouble()
    {
        Due(attempts: 0);
        _slack.Setup(m => m.SendAsync(It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("socket closed"));

        await Outbox().RunOnceAsync(CancellationToken.None);

        _store.Verify(s => s.RecordAttemptAsync(Reference, "slack", Now, false, It.Is<string>(e => e.Contains("socket closed")), It.Is<DateTimeOffset?>(at => at > Now), null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_destination_no_longer_configured_gives_up_at_once()
    {
        _store.Setup(s => s.ClaimDueDeliveriesAsync(Now, It.IsAny<TimeSpan>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([new EscalationDelivery(Reference, "teams", 0)]);

        await Outbox().RunOnceAsync(CancellationToken.None);

        _store.Verify(s => s.RecordAttemptAsync(Reference, "teams", Now, false, "destination 'teams' is no longer configured", null, null, It.IsAny<CancellationToken>()), Times.Once);
        _slack.Verify(m => m.SendAsync(It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public void Only_platforms_with_a_champions_conversation_are_destinations()
    {
        var teams = new Mock<IMessenger>();
        teams.SetupGet(m => m.Platform).Returns("teams");

        var outbox = new EscalationOutbox(_store.Object, [_slack.Object, teams.Object], Policy, TimeSpan.FromMinutes(2), _time, NullLogger<EscalationOutbox>.Instance);

        Assert.Equal(["slack"], outbox.Destinations);
    }

    [Fact]
    public async Task A_ticket_from_the_help_desk_is_kept_and_told_to_the_followers_and_the_requester_before_the_delivery_is_recorded()
    {
        var desk = HelpDesk();
        var origin = new EscalationOrigin(new ConversationAddress(new ConversationKey("slack", "T1", "C1"), "{}"), "1700.01");
        _store.Setup(s => s.GetAsync(Reference, It.IsAny<CancellationToken>())).ReturnsAsync(_escalation with { Origin = origin });
        _store.Setup(s => s.ClaimDueDeliveriesAsync(Now, It.IsAny<TimeSpan>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([new EscalationDelivery(Reference, "zendesk", 0)]);
        desk.Setup(m => m.SendAsync(It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>())).ReturnsAsync(SendResult.Sent("4711"));
        var order = new List<string>();
        _store.Setup(s => s.RecordTicketAsync(Reference, "4711", It.IsAny<IReadOnlyCollection<string>>(), Now, It.IsAny<CancellationToken>()))
            .Callback(() => order.Add("ticket")).Returns(Task.CompletedTask);
        _store.Setup(s => s.RecordAttemptAsync(Reference, "zendesk", Now, true, null, null, "4711", It.IsAny<CancellationToken>()))
            .Callback(() => order.Add("attempt")).Returns(Task.CompletedTask);

        await new EscalationOutbox(_store.Object, [_slack.Object, desk.Object], Policy, TimeSpan.FromMinutes(2), _time, NullLogger<EscalationOutbox>.Instance).RunOnceAsync(CancellationToken.None);

        Assert.Equal(["ticket", "attempt"], order);
        _store.Verify(s => s.RecordTicketAsync(Reference, "4711", It.Is<IReadOnlyCollection<string>>(d => d.Order().SequenceEqual(new[] { "requester", "slack" })), Now, It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task A_change_updates_the_champions_post_in_place_and_tells_the_requester_in_their_thread()
    {
        var origin = new EscalationOrigin(new ConversationAddress(new ConversationKey("slack", "T1", "C1"), "{\"channel\":\"C1\"}"), "1700.01");
        var acknowledged = new EscalationStateChange(EscalationState.Acknowledged, new EscalationActor("slack", "U9", "Bea"), Now, null);
        _store.Setup(s => s.GetAsync(Reference, It.IsAny<CancellationToken>())).ReturnsAsync(_escalation with { Origin = origin, Acknowledged = acknowledged });
        EscalationUpdate post = new(Reference, EscalationEvent.Acknowledged, "slack", 0, "1700.99");
        EscalationUpdate requester = new(Reference, EscalationEvent.Acknowledged, EscalationUpdate.Requester, 0, null);
        _store.Setup(s => s.ClaimDueUpdatesAsync(Now, It.IsAny<TimeSpan>(), It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync([post, requester]);
        _slack.Setup(m => m.SendAsync(It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>())).ReturnsAsync(SendResult.Sent("1701.00"));

        await Outbox().RunOnceAsync(CancellationToken.None);

        _slack.Verify(m => m.SendAsync(It.Is<OutboundMessage>(o => o.To == ChampionsChannel && o.Replaces == "1700.99" && ((EscalationNotice)o.Content).Event == EscalationEvent.Acknowledged), It.IsAny<CancellationToken>()));
        _slack.Verify(m => m.SendAsync(It.Is<OutboundMessage>(o => o.To == origin.Conversation && o.ThreadId == "1700.01" && o.Replaces == null && ((EscalationProgress)o.Content).Headline.Contains("looking into")), It.IsAny<CancellationToken>()));
        _store.Verify(s => s.RecordUpdateAttemptAsync(post, Now, EscalationUpdateState.Sent, null, null, null, It.IsAny<CancellationToken>()));
        _store.Verify(s => s.RecordUpdateAttemptAsync(requester, Now, EscalationUpdateState.Sent, null, null, "1701.00", It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task Nothing_is_sent_for_a_ticket_where_there_is_no_post_to_update_or_for_a_requester_we_cannot_reach()
    {
        EscalationUpdate webhook = new(Reference, EscalationEvent.TicketOpened, "slack", 0, null);
        EscalationUpdate requester = new(Reference, EscalationEvent.Resolved, EscalationUpdate.Requester, 0, null);
        _store.Setup(s => s.ClaimDueUpdatesAsync(Now, It.IsAny<TimeSpan>(), It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync([webhook, requester]);

        await Outbox().RunOnceAsync(CancellationToken.None);

        _slack.Verify(m => m.SendAsync(It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>()), Times.Never);
        _store.Verify(s => s.RecordUpdateAttemptAsync(webhook, Now, EscalationUpdateState.Skipped, It.IsAny<string>(), null, null, It.IsAny<CancellationToken>()));
        _store.Verify(s => s.RecordUpdateAttemptAsync(requester, Now, EscalationUpdateState.Skipped, It.IsAny<string>(), null, null, It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task A_failed_update_is_retried_by_the_same_rule_as_deliveries()
    {
        EscalationUpdate post = new(Reference, EscalationEvent.Resolved, "slack", 1, "1700.99");
        _store.Setup(s => s.ClaimDueUpdatesAsync(Now, It.IsAny<TimeSpan>(), It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync([post]);
        _slack.Setup(m => m.SendAsync(It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>())).ReturnsAsync(SendResult.RetryLater("ratelimited", TimeSpan.FromMinutes(3)));

        await Outbox().RunOnceAsync(CancellationToken.None);

        _store.Verify(s => s.RecordUpdateAttemptAsync(post, Now, EscalationUpdateState.Pending, "ratelimited", Now.AddMinutes(3), null, It.IsAny<CancellationToken>()));
    }

    [Fact]
    public void Help_desks_take_new_escalations_but_follow_no_changes()
    {
        var outbox = new EscalationOutbox(_store.Object, [_slack.Object, HelpDesk().Object], Policy, TimeSpan.FromMinutes(2), _time, NullLogger<EscalationOutbox>.Instance);

        Assert.Equal(["slack", "zendesk"], outbox.Destinations.Order());
        Assert.Equal(["slack"], outbox.Followers);
        Assert.True(outbox.IsChampions(new ConversationKey("slack", "T0", "C0CHAMPS")));
        Assert.False(outbox.IsChampions(new ConversationKey("slack", "T0", "C0OTHER")));
        Assert.False(outbox.IsChampions(new ConversationKey("slack", "T9", "C0CHAMPS")));
    }

    private static Mock<IHelpDesk> HelpDesk()
    {
        var desk = new Mock<IHelpDesk>();
        desk.SetupGet(m => m.Platform).Returns("zendesk");
        desk.SetupGet(m => m.Champions).Returns(new ConversationAddress(new ConversationKey("zendesk", "", "https://acme.zendesk.com"), ""));
        return desk;
    }

    private void Due(int attempts) =>
        _store.Setup(s => s.ClaimDueDeliveriesAsync(Now, It.IsAny<TimeSpan>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([new EscalationDelivery(Reference, "slack", attempts)]);

    private EscalationOutbox Outbox() => new(_store.Object, [_slack.Object], Policy, TimeSpan.FromMinutes(2), _time, NullLogger<EscalationOutbox>.Instance);
}
