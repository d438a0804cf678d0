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
    }

    [Fact]
    public async Task A_due_delivery_is_sent_to_the_champions_conversation_and_recorded_as_delivered()
    {
        Due(attempts: 0);
        _slack.Setup(m => m.SendAsync(It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>())).ReturnsAsync(SendResult.Sent("1.2"));

        Assert.False(await Outbox().RunOnceAsync(CancellationToken.None));

        _slack.Verify(m => m.SendAsync(It.Is<OutboundMessage>(o => o.To == ChampionsChannel && ((EscalationNotice)o.Content).Escalation == _escalation), It.IsAny<CancellationToken>()), Times.Once);
        _store.Verify(s => s.RecordAttemptAsync(Reference, "slack", Now, true, null, null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_passing_failure_is_retried_with_backoff_and_never_sooner_than_asked()
    {
        Due(attempts: 0);
        _slack.Setup(m => m.SendAsync(It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>())).ReturnsAsync(SendResult.RetryLater("ratelimited", TimeSpan.FromMinutes(2)));

        await Outbox().RunOnceAsync(CancellationToken.None);

        _store.Verify(s => s.RecordAttemptAsync(Reference, "slack", Now, false, "ratelimited", Now.AddMinutes(2), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task The_last_allowed_attempt_gives_up()
    {
        Due(attempts: Policy.MaxAttempts - 1);
        _slack.Setup(m => m.SendAsync(It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>())).ReturnsAsync(SendResult.RetryLater("503"));

        await Outbox().RunOnceAsync(CancellationToken.None);

        _store.Verify(s => s.RecordAttemptAsync(Reference, "slack", Now, false, "503", null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_permanent_refusal_gives_up_at_once()
    {
        Due(attempts: 0);
        _slack.Setup(m => m.SendAsync(It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>())).ReturnsAsync(SendResult.Gone("channel_not_found"));

        await Outbox().RunOnceAsync(CancellationToken.None);

        _store.Verify(s => s.RecordAttemptAsync(Reference, "slack", Now, false, "channel_not_found", null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Held_back_by_our_own_rate_limit_it_waits_without_counting_an_attempt()
    {
        Due(attempts: 2);
        _slack.Setup(m => m.SendAsync(It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>())).ReturnsAsync(SendResult.Throttled(TimeSpan.FromSeconds(3)));

        await Outbox().RunOnceAsync(CancellationToken.None);

        _store.Verify(s => s.PostponeDeliveryAsync(Reference, "slack", Now.AddSeconds(3), It.IsAny<CancellationToken>()), Times.Once);
        _store.Verify(s => s.RecordAttemptAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<bool>(), It.IsAny<string?>(), It.IsAny<DateTimeOffset?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_messenger_that_throws_is_treated_as_passing_trouble()
    {
        Due(attempts: 0);
        _slack.Setup(m => m.SendAsync(It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("socket closed"));

        await Outbox().RunOnceAsync(CancellationToken.None);

        _store.Verify(s => s.RecordAttemptAsync(Reference, "slack", Now, false, It.Is<string>(e => e.Contains("socket closed")), It.Is<DateTimeOffset?>(at => at > Now), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_destination_no_longer_configured_gives_up_at_once()
    {
        _store.Setup(s => s.ClaimDueDeliveriesAsync(Now, It.IsAny<TimeSpan>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([new EscalationDelivery(Reference, "teams", 0)]);

        await Outbox().RunOnceAsync(CancellationToken.None);

        _store.Verify(s => s.RecordAttemptAsync(Reference, "teams", Now, false, "destination 'teams' is no longer configured", null, It.IsAny<CancellationToken>()), Times.Once);
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

    private void Due(int attempts) =>
        _store.Setup(s => s.ClaimDueDeliveriesAsync(Now, It.IsAny<TimeSpan>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([new EscalationDelivery(Reference, "slack", attempts)]);

    private EscalationOutbox Outbox() => new(_store.Object, [_slack.Object], Policy, TimeSpan.FromMinutes(2), _time, NullLogger<EscalationOutbox>.Instance);
}
