using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Background;
using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Deployments;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Messaging;
using UpgradeBot.Core.Schedule;
using UpgradeBot.Core.Subscriptions;
using static UpgradeBot.Core.Tests.Escalation.EscalationFixture;

namespace UpgradeBot.Core.Tests.Escalation;

public sealed class EscalationServiceTests
{
    private readonly FakeTimeProvider _time = new(Now);
    private readonly Mock<IEscalationStore> _store = new(MockBehavior.Strict);
    private readonly Mock<IMessenger> _webhook = new();

    public EscalationServiceTests()
    {
        _webhook.SetupGet(m => m.Platform).Returns("webhook");
        _webhook.SetupGet(m => m.Champions).Returns(new ConversationAddress(new ConversationKey("webhook", "", "https://champions.example.com"), ""));
    }

    [Fact]
    public async Task A_valid_click_is_admitted_for_every_configured_destination_and_wakes_the_outbox()
    {
        var created = new EscalationRecord("UPG-20270420-0001", Requester, Context(), DeliveryStatus.Pending, Now);
        _store.Setup(s => s.AdmitAsync(Requester, Context(), null, It.Is<IReadOnlyCollection<string>>(d => d.SequenceEqual(new[] { "webhook" })), 5, new DateTimeOffset(2027, 4, 20, 0, 0, 0, TimeSpan.Zero), Now, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new EscalationAdmission(EscalationOutcome.Created, created));
        var (service, outbox) = Service();

        var result = await service.EscalateAsync(new EscalationRequest(Requester, Context()));

        Assert.Equal(new EscalationResult(EscalationOutcome.Created, "UPG-20270420-0001", "Escalated to Customer Champions as UPG-20270420-0001."), result);
        var woken = outbox.Signal.WaitAsync(TimeSpan.FromHours(1), _time, CancellationToken.None);
        Assert.True(woken.IsCompleted, "the outbox was not woken");
    }

    [Fact]
    public async Task An_escalation_carries_the_account_and_support_contact_of_the_askers_organization()
    {
        var grid = Requester with { CustomerId = "E1" };
        var settings = new CustomerSettings(DeploymentType.HybridCloud, "acme-01", "backup-admins@acme.example");
        var customers = new Mock<ICustomerStore>(MockBehavior.Strict);
        customers.Setup(c => c.GetAsync(new CustomerKey("slack", "E1"), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new CustomerRecord(new CustomerKey("slack", "E1"), settings, new CustomerChange(Now.AddDays(-3), "U9", "Grace", settings)));
        var created = new EscalationRecord("UPG-20270420-0001", grid, Context(), DeliveryStatus.Pending, Now, settings.Profile);
        _store.Setup(s => s.AdmitAsync(grid, Context(), new CustomerProfile("acme-01", "backup-admins@acme.example"), It.IsAny<IReadOnlyCollection<string>>(), 5, It.IsAny<DateTimeOffset>(), Now, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new EscalationAdmission(EscalationOutcome.Created, created));

        var result = await Service(customers.Object).Service.EscalateAsync(new EscalationRequest(grid, Context()));

        Assert.Equal(EscalationOutcome.Created, result.Outcome);
        _store.VerifyAll();
    }

    [Fact]
    public async Task An_open_escalation_for_the_same_problem_returns_its_reference()
    {
        var open = new EscalationRecord("UPG-20270419-0004", Requester, Context(), DeliveryStatus.Delivered, Now.AddDays(-1));
        _store.Setup(s => s.AdmitAsync(Requester, Context(), null, It.IsAny<IReadOnlyCollection<string>>(), 5, It.IsAny<DateTimeOffset>(), Now, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new EscalationAdmission(EscalationOutcome.AlreadyOpen, open));

        var result = await Service().Service.EscalateAsync(new EscalationRequest(Requester, Context()));

        Assert.Equal(EscalationOutcome.AlreadyOpen, result.Outcome);
        Assert.Equal("UPG-20270419-0004", result.Reference);
        Assert.False(result.IsNew);
    }

    [Fact]
    public async Task Over_the_daily_limit_nothing_is_created_and_the_user_is_told_the_limit()
    {
        _store.Setup(s => s.AdmitAsync(Requester, Context(), null, It.IsAny<IReadOnlyCollection<string>>(), 5, It.IsAny<DateTimeOffset>(), Now, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new EscalationAdmission(EscalationOutcome.LimitReached, null));

        var result = await Service().Service.EscalateAsync(new EscalationRequest(Requester, Context()));

        Assert.Equal(EscalationOutcome.LimitReached, result.Outcome);
        Assert.Null(result.Reference);
        Assert.Contains("limit of 5", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_context_that_fails_validation_never_reaches_the_store()
    {
        var result = await Service().Service.EscalateAsync(new EscalationRequest(Requester, Context() with { Topic = "made-up" }));

        Assert.Equal(EscalationOutcome.Rejected, result.Outcome);
        Assert.Contains("the topic is not one I know", result.Message, StringComparison.Ordinal);
        _store.VerifyNoOtherCalls();
    }

    private (EscalationService Service, EscalationOutbox Outbox) Service(ICustomerStore? customers = null)
    {
        var outbox = new EscalationOutbox(_store.Object, [_webhook.Object], new DeliveryPolicy(3, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(2)), TimeSpan.FromMinutes(2), _time, NullLogger<EscalationOutbox>.Instance);
        return (new EscalationService(_store.Object, Topics, new FixedSchedule([Spring]), outbox, _time, maxPerUserPerDay: 5, customers), outbox);
    }
}
