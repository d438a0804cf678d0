using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Background;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Messaging;
using UpgradeBot.Core.Subscriptions;
using static UpgradeBot.Core.Tests.Escalation.EscalationFixture;

namespace UpgradeBot.Core.Tests.Escalation;

public sealed class EscalationStatesTests
{
    private const string Reference = "UPG-20270420-0001";
    private static readonly ConversationKey ChampionsChannel = new("slack", "T0", "C0CHAMPS");
    private static readonly EscalationActor Bea = new("slack", "U9", "Bea");

    private readonly FakeTimeProvider _time = new(Now);
    private readonly Mock<IEscalationStore> _store = new(MockBehavior.Strict);
    private readonly EscalationOutbox _outbox;
    private readonly EscalationStates _states;

    public EscalationStatesTests()
    {
        var slack = new Mock<IMessenger>();
        slack.SetupGet(m => m.Platform).Returns("slack");
        slack.SetupGet(m => m.Champions).Returns(new ConversationAddress(ChampionsChannel, "{}"));
        _outbox = new EscalationOutbox(_store.Object, [slack.Object], new DeliveryPolicy(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1)), TimeSpan.FromMinutes(2), _time, NullLogger<EscalationOutbox>.Instance);
        _states = new EscalationStates(_store.Object, _outbox, new Mock<IAnswerService>(MockBehavior.Strict).Object, _time, NullLogger<EscalationStates>.Instance);
    }

    [Fact]
    public async Task A_click_from_outside_the_champions_conversation_is_refused_without_touching_the_store()
    {
        var result = await _states.ChangeAsync(Reference, EscalationState.Resolved, Bea, new ConversationKey("slack", "T0", "C0ELSEWHERE"), null);

        Assert.Equal(EscalationChangeOutcome.Refused, result.Outcome);
        Assert.Null(result.Escalation);
        Assert.Contains("Only Customer Champions", result.Notice.Headline, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EscalationStateChange.MaxNoteLength + 1)]
    [InlineData(-1)]
    public async Task A_note_too_long_or_not_text_changes_nothing(int length)
    {
        var note = length < 0 ? "half a pair \uD800" : new string('n', length);

        var result = await _states.ChangeAsync(Reference, EscalationState.Resolved, Bea, ChampionsChannel, note);

        Assert.Equal(EscalationChangeOutcome.Invalid, result.Outcome);
    }

    [Fact]
    public async Task A_change_is_told_to_every_follower_and_the_requester_and_wakes_the_outbox()
    {
        var origin = new EscalationOrigin(new ConversationAddress(new ConversationKey("slack", "T1", "C1"), "{}"), "1700.01");
        var open = new EscalationRecord(Reference, Requester, Context(), DeliveryStatus.Delivered, Now, Origin: origin);
        var change = new EscalationStateChange(EscalationState.Acknowledged, Bea, Now, "on it");
        _store.Setup(s => s.GetAsync(Reference, It.IsAny<CancellationToken>())).ReturnsAsync(open);
        _store.Setup(s => s.ChangeStateAsync(Reference, change, It.Is<IReadOnlyCollection<string>>(d => d.Order().SequenceEqual(new[] { "requester", "slack" })), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new EscalationChange(EscalationChangeOutcome.Changed, open with { Acknowledged = change }));

        var result = await _states.ChangeAsync(Reference, EscalationState.Acknowledged, Bea, ChampionsChannel, "  on it ");

        Assert.Equal(EscalationChangeOutcome.Changed, result.Outcome);
        Assert.Equal($"You acknowledged {Reference}.", result.Notice.Headline);
        Assert.IsType<EscalationNotice>(result.Shown);
        Assert.True(_outbox.Signal.WaitAsync(TimeSpan.FromHours(1), _time, CancellationToken.None).IsCompleted, "the outbox was not woken");
    }

    [Fact]
    public async Task A_state_already_reached_is_answered_with_who_reached_it()
    {
        var resolved = new EscalationRecord(Reference, Requester, Context(), DeliveryStatus.Delivered, Now,
            Resolved: new EscalationStateChange(EscalationState.Resolved, new EscalationActor("teams", "aad-2", "Cy"), Now, null));
        _store.Setup(s => s.GetAsync(Reference, It.IsAny<CancellationToken>())).ReturnsAsync(resolved);
        _store.Setup(s => s.ChangeStateAsync(Reference, It.IsAny<EscalationStateChange>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new EscalationChange(EscalationChangeOutcome.AlreadyDone, resolved));

        var result = await _states.ChangeAsync(Reference, EscalationState.Acknowledged, Bea, from: null, note: null);

        Assert.Equal(EscalationChangeOutcome.AlreadyDone, result.Outcome);
        Assert.Equal($"{Reference} is already resolved.", result.Notice.Headline);
        Assert.Equal("Resolved by Cy. Nothing was changed.", result.Notice.Text);
        Assert.False(_outbox.Signal.WaitAsync(TimeSpan.FromHours(1), _time, CancellationToken.None).IsCompleted, "nothing changed, yet the outbox was woken");
    }

    [Fact]
    public async Task An_unknown_reference_is_not_found()
    {
        _store.Setup(s => s.GetAsync("UPG-20000101-0001", It.IsAny<CancellationToken>())).ReturnsAsync((EscalationRecord?)null);

        var result = await _states.ChangeAsync("UPG-20000101-0001", EscalationState.Resolved, Bea, ChampionsChannel, null);

        Assert.Equal(EscalationChangeOutcome.NotFound, result.Outcome);
        Assert.IsType<Notice>(result.Shown);
    }

    [Fact]
    public async Task The_resolve_form_is_offered_only_in_the_champions_conversation_and_only_until_resolved()
    {
        var open = new EscalationRecord(Reference, Requester, Context(), DeliveryStatus.Delivered, Now);
        _store.Setup(s => s.GetAsync(Reference, It.IsAny<CancellationToken>())).ReturnsAsync(open);

        Assert.Equal(open, (await _states.ResolveFormAsync(Reference, ChampionsChannel)).Escalation);
        Assert.NotNull((await _states.ResolveFormAsync(Reference, new ConversationKey("slack", "T0", "C0ELSEWHERE"))).Instead);

        _store.Setup(s => s.GetAsync(Reference, It.IsAny<CancellationToken>()))
            .ReturnsAsync(open with { Resolved = new EscalationStateChange(EscalationState.Resolved, Bea, Now, null) });
        Assert.Contains("already resolved", (await _states.ResolveFormAsync(Reference, ChampionsChannel)).Instead!.Headline, StringComparison.Ordinal);
    }
}
