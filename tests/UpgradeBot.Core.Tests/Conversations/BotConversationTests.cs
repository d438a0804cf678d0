using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Conversations;
using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Messaging;
using UpgradeBot.Core.Retention;
using UpgradeBot.Core.Schedule;
using UpgradeBot.Core.Subscriptions;

namespace UpgradeBot.Core.Tests.Conversations;

public sealed class BotConversationTests
{
    private static readonly DateTimeOffset Now = new(2027, 4, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly CommandSyntax Syntax = new("say {0}");
    private static readonly ConversationAddress Here = new(new ConversationKey("chat", "T1", "C1"), "ref");
    private static readonly Asker Ada = new("chat", "T1", "U1", "Ada", "C1");
    private static readonly Reply Answer = new("usage-destination-graphs", Verdict.PersistingEscalate, "Headline", "Text", [], null, null, null, null);

    private readonly Mock<IAnswerService> _answers = new(MockBehavior.Strict);
    private readonly Mock<IEscalationService> _escalations = new(MockBehavior.Strict);
    private readonly Mock<ISubscriptionStore> _subscriptions = new(MockBehavior.Strict);
    private readonly Mock<ICustomerStore> _customers = new(MockBehavior.Strict);
    private readonly Mock<ICustomerDataStore> _customerData = new();
    private readonly FakeTimeProvider _time = new(Now);

    [Theory]
    [InlineData("subscribe")]
    [InlineData("/Subscribe!")]
    public async Task Subscribe_stores_the_conversation_and_tells_everyone_how_to_stop(string text)
    {
        _subscriptions.Setup(s => s.SubscribeAsync(Here.Key, Here.Reference, "general", Now, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var response = await Conversation().RespondAsync(Say(text));

        Assert.True(response.ForEveryone);
        Assert.Contains("say unsubscribe", Assert.IsType<Notice>(response.Content).Text, StringComparison.Ordinal);
        _subscriptions.VerifyAll();
    }

    [Fact]
    public async Task Unsubscribe_where_nothing_was_subscribed_says_so()
    {
        _subscriptions.Setup(s => s.DeactivateAsync(Here.Key, Now, It.IsAny<CancellationToken>())).ReturnsAsync(false);

        var response = await Conversation().RespondAsync(Say("unsubscribe"));

        Assert.Equal("Not subscribed.", Assert.IsType<Notice>(response.Content).Headline);
    }

    [Fact]
    public async Task Anything_else_is_a_question_answered_for_the_asker()
    {
        _answers.Setup(a => a.AnswerAsync(new Inquiry("is the graph wrong?", Now, Ada, null), It.IsAny<CancellationToken>())).ReturnsAsync(Answer);

        var response = await Conversation().RespondAsync(Say("  is the graph wrong?  "));

        Assert.Same(Answer, response.Content);
        Assert.False(response.ForEveryone);
    }

    [Fact]
    public async Task Settings_shows_the_organizations_settings_to_the_asker_alone()
    {
        _customers.Setup(c => c.GetAsync(Ada.Customer, It.IsAny<CancellationToken>())).ReturnsAsync((CustomerRecord?)null);
        _customers.Setup(c => c.IsInstallerAsync(Ada.Customer, "U1", It.IsAny<CancellationToken>())).ReturnsAsync(false);
        var access = new CustomerAccess("Owners can change these settings.", _ => Task.FromResult(new CustomerRole(IsAdmin: true)));

        var response = await Conversation().RespondAsync(Say("settings") with { Access = access });

        var form = Assert.IsType<CustomerSettingsForm>(response.Content);
        Assert.True(form.Editable);
        Assert.Equal("Owners can change these settings.", form.WhoMayChange);
        Assert.False(response.ForEveryone);
    }

    [Fact]
    public async Task Being_added_twice_welcomes_once_and_asks_for_the_settings()
    {
        _subscriptions.SetupSequence(s => s.SubscribeAsync(Here.Key, Here.Reference, null, Now, It.IsAny<CancellationToken>())).ReturnsAsync(true).ReturnsAsync(false);
        _customers.Setup(c => c.AddInstallerAsync(Ada.Customer, "U1", Now, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _customers.Setup(c => c.GetAsync(Ada.Customer, It.IsAny<CancellationToken>())).ReturnsAsync((CustomerRecord?)null);
        var conversation = Conversation();

        var first = await conversation.JoinedAsync(Here, null, Syntax, Ada.Customer, "U1", "Admins may change these.");
        var second = await conversation.JoinedAsync(Here, null, Syntax, Ada.Customer, "U1", "Admins may change these.");

        Assert.NotNull(first);
        Assert.Contains("say help", first.Intro!.Text, StringComparison.Ordinal);
        Assert.True(first.Editable);
        Assert.Equal(CustomerSettingsInput.From(CustomerSettings.NotSetUp), first.Values);
        Assert.Equal("Admins may change these.", first.WhoMayChange);
        Assert.Null(second);
        _customers.Verify(c => c.AddInstallerAsync(Ada.Customer, "U1", Now, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Being_added_brings_a_tenant_that_removed_the_app_back()
    {
        _subscriptions.Setup(s => s.SubscribeAsync(Here.Key, Here.Reference, null, Now, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        _customers.Setup(c => c.GetAsync(Ada.Customer, It.IsAny<CancellationToken>())).ReturnsAsync((CustomerRecord?)null);

        await Conversation().JoinedAsync(Here, null, Syntax, Ada.Customer, installedBy: null, "Admins may change these.");

        _customerData.Verify(c => c.ClearRemovedAsync(new CustomerKey("chat", "T1"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData(true, false, true)]
    [InlineData(true, true, false)]
    [InlineData(false, false, false)]
    public async Task Leaving_the_last_conversation_with_announcements_removes_the_tenant_only_where_the_platform_says_so(
        bool lastLeavesTenant, bool othersActive, bool removed)
    {
        _subscriptions.Setup(s => s.DeactivateAsync(Here.Key, Now, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _subscriptions.Setup(s => s.AnyActiveAsync("chat", "T1", It.IsAny<CancellationToken>())).ReturnsAsync(othersActive);

        await Conversation().LeftAsync(Here.Key, lastLeavesTenant);

        _customerData.Verify(
            c => c.MarkRemovedAsync(new CustomerKey("chat", "T1"), It.Is<IReadOnlyCollection<string>>(m => m.Count == 0), Now, It.IsAny<CancellationToken>()),
            removed ? Times.Once() : Times.Never());
    }

    [Fact]
    public async Task A_click_that_escalates_redraws_the_answer_with_the_reference()
    {
        var request = new EscalationRequest(Ada, new EscalationContext("usage-destination-graphs", "persisting-escalate", null, "q", Now));
        var result = new EscalationResult(EscalationOutcome.Created, "UPG-20270420-0001", "Escalated.");
        var redrawn = Answer with { Receipt = new EscalationReceipt("UPG-20270420-0001", true, "next") };
        _escalations.Setup(e => e.EscalateAsync(request, It.IsAny<CancellationToken>())).ReturnsAsync(result);
        _answers.Setup(a => a.AfterEscalationAsync(request, result, It.IsAny<CancellationToken>())).ReturnsAsync(redrawn);

        Assert.Same(redrawn, await Conversation().EscalateAsync(request));
    }

    [Theory]
    [InlineData(EscalationOutcome.LimitReached)]
    [InlineData(EscalationOutcome.Rejected)]
    public async Task A_click_that_escalates_nothing_is_a_notice_for_the_clicker(EscalationOutcome outcome)
    {
        var request = new EscalationRequest(Ada, new EscalationContext("usage-destination-graphs", "persisting-escalate", null, "q", Now));
        _escalations.Setup(e => e.EscalateAsync(request, It.IsAny<CancellationToken>())).ReturnsAsync(new EscalationResult(outcome, null, "Why not."));

        var notice = Assert.IsType<Notice>(await Conversation().EscalateAsync(request));

        Assert.Equal("Why not.", notice.Text);
    }

    private static Utterance Say(string text) => new(text, Ada, Here, "general", Syntax);

    private BotConversation Conversation() =>
        new(_answers.Object, _escalations.Object, _subscriptions.Object, Settings(_customers.Object, _time), _customerData.Object, _time, NullLogger<BotConversation>.Instance);

    internal static CustomerSettingsService Settings(ICustomerStore customers, TimeProvider time) =>
        new(customers, CustomerSettingsRules.From(new Configuration.CustomersOptions(), new List<string>())!, time, NullLogger<CustomerSettingsService>.Instance);
}
