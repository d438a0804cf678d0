using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Deployments;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Knowledge;
using UpgradeBot.Core.Schedule;

namespace UpgradeBot.Core.Tests.Answers;

public class AnswerServiceTests
{
    private static readonly Topic Graphs = Symptom("usage-destination-graphs", DeploymentType.PublicCloud, DeploymentType.HybridCloud);
    private static readonly Topic Alert = Symptom("destination-offline-alert", DeploymentType.HybridCloud) with { HybridNote = "Only hybrid deployments get this alert." };
    private static readonly Topic Licensing = new("licensing-graphs", TopicKind.Unaffected, "Licensing graphs", "Not affected.", [], new HashSet<DeploymentType>(), null, []);
    private static readonly Topic Status = new("upgrade-status", TopicKind.Status, "Upgrade schedule", "Upgrades are announced.", [], new HashSet<DeploymentType>(), null, []);
    private static readonly Topic Escalate = new("escalate", TopicKind.Escalate, "Talk to us", "Press the button.", [], new HashSet<DeploymentType>(), null, []);

    private static readonly UpgradeWindow Spring = new(
        "spring",
        "Spring upgrade",
        [new UpgradePhase("Phase 1", At("2027-03-26T22:00:00Z"), At("2027-03-27T06:00:00Z")), new UpgradePhase("Phase 2", At("2027-04-01T20:00:00Z"), At("2027-04-01T23:00:00Z"))],
        new Uri("https://status.example.com/spring"));

    private static readonly Asker Someone = new("test", "tenant-1", "u1", "Ada", "c1");

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant);

    private static Topic Symptom(string id, params DeploymentType[] affects) =>
        new(id, TopicKind.Symptom, id, $"About {id}.", ["Open Devices.", "Pick a device."], affects.ToHashSet(), null, []);

    /// <summary>Matches a question to the topic whose id is the question text; the matcher has its own tests.</summary>
    private sealed class ByIdMatcher(KnowledgeBase knowledge) : IQuestionMatcher
    {
        public TopicMatch Match(string question) => new(knowledge.Find(question), 1);
    }

    private static AnswerService Service(DeploymentType defaultDeployment = DeploymentType.Unknown)
    {
        var knowledge = new KnowledgeBase([Graphs, Alert, Licensing, Status, Escalate]);
        var calendar = new BusinessCalendar(TimeZoneInfo.FindSystemTimeZoneById("Europe/London"), BusinessCalendar.MondayToFriday, [new DateOnly(2027, 4, 2), new DateOnly(2027, 4, 5)]);
        return new AnswerService(
            knowledge,
            new ByIdMatcher(knowledge),
            new FixedSchedule([Spring]),
            new TimingRule(calendar, 1, 14),
            new DeploymentDirectory(defaultDeployment, new Dictionary<string, DeploymentType> { ["hybrid-tenant"] = DeploymentType.HybridCloud }));
    }

    private static Task<Reply> Ask(string topic, string at, DeploymentType? deployment = null, AnswerService? service = null) =>
        (service ?? Service()).AnswerAsync(new Inquiry(topic, At(at), Someone, deployment));

    [Fact]
    public async Task Symptom_during_upgrade_is_expected_and_offers_no_escalation()
    {
        var reply = await Ask("usage-destination-graphs", "2027-03-27T02:00:00Z");

        Assert.Equal(Verdict.ExpectedDuringUpgrade, reply.Verdict);
        Assert.False(reply.EscalationOffered);
        Assert.Equal("Phase 1", reply.Upgrade!.CurrentPhase);
        Assert.Equal(UpgradeStatus.InProgress, reply.Upgrade.Status);
        Assert.Equal(new Uri("https://status.example.com/spring"), reply.Upgrade.StatusUrl);
        Assert.Equal(2, reply.Steps.Count);
        Assert.Equal(At("2027-04-06T23:00:00Z"), reply.GraceDeadline);
    }

    [Fact]
    public async Task Symptom_after_grace_deadline_offers_escalation_with_its_context()
    {
        var reply = await Ask("usage-destination-graphs", "2027-04-07T09:00:00Z");

        Assert.Equal(Verdict.PersistingEscalate, reply.Verdict);
        var context = reply.Escalation!.Context;
        Assert.Equal(("usage-destination-graphs", "persisting-escalate", "spring"), (context.Topic, context.Verdict, context.UpgradeId));
        Assert.Equal(At("2027-04-07T09:00:00Z"), context.AskedAt);
    }

    [Fact]
    public async Task Symptom_with_no_upgrade_around_is_not_upgrade_related_and_offers_escalation()
    {
        var reply = await Ask("usage-destination-graphs", "2027-06-01T09:00:00Z");

        Assert.Equal(Verdict.NotUpgradeRelated, reply.Verdict);
        Assert.True(reply.EscalationOffered);
        Assert.Null(reply.Upgrade);
        Assert.Null(reply.GraceDeadline);
    }

    [Fact]
    public async Task Licensing_graphs_are_never_the_upgrade_even_during_one()
    {
        var reply = await Ask("licensing-graphs", "2027-03-27T02:00:00Z");

        Assert.Equal(Verdict.NotUpgradeRelated, reply.Verdict);
        Assert.True(reply.EscalationOffered);
    }

    [Fact]
    public async Task Destination_alert_on_public_cloud_is_not_upgrade_related()
    {
        var reply = await Ask("destination-offline-alert", "2027-03-27T02:00:00Z", DeploymentType.PublicCloud);

        Assert.Equal(Verdict.NotUpgradeRelated, reply.Verdict);
        Assert.True(reply.EscalationOffered);
        Assert.Contains("public cloud", reply.DeploymentNote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Destination_alert_with_unknown_deployment_follows_timing_and_explains_the_hybrid_difference()
    {
        var reply = await Ask("destination-offline-alert", "2027-03-27T02:00:00Z");

        Assert.Equal(Verdict.ExpectedDuringUpgrade, reply.Verdict);
        Assert.Equal("Only hybrid deployments get this alert.", reply.DeploymentNote);
    }

    [Fact]
    public async Task Other_symptoms_with_unknown_deployment_mention_the_hybrid_only_symptoms()
    {
        var reply = await Ask("usage-destination-graphs", "2027-03-27T02:00:00Z");

        Assert.Contains("destination-offline-alert", reply.DeploymentNote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tenant_deployment_from_configuration_is_used_when_the_caller_does_not_know()
    {
        var service = Service(DeploymentType.PublicCloud);

        var publicReply = await service.AnswerAsync(new Inquiry("destination-offline-alert", At("2027-03-27T02:00:00Z"), Someone));
        var hybridReply = await service.AnswerAsync(new Inquiry("destination-offline-alert", At("2027-03-27T02:00:00Z"), Someone with { TenantId = "hybrid-tenant" }));

        Assert.Equal(Verdict.NotUpgradeRelated, publicReply.Verdict);
        Assert.Equal(Verdict.ExpectedDuringUpgrade, hybridReply.Verdict);
    }

    [Fact]
    public async Task Escalate_topic_offers_the_button_with_verdict_none()
    {
        var reply = await Ask("escalate", "2027-03-27T02:00:00Z");

        Assert.Equal(Verdict.None, reply.Verdict);
        Assert.True(reply.EscalationOffered);
    }

    [Fact]
    public async Task Out_of_scope_question_gets_none_and_no_escalation()
    {
        var reply = await Ask("how much is a licence", "2027-03-27T02:00:00Z");

        Assert.Equal("none", reply.Topic);
        Assert.Equal(Verdict.None, reply.Verdict);
        Assert.False(reply.EscalationOffered);
    }

    [Fact]
    public async Task Status_before_the_upgrade_names_the_next_one()
    {
        var reply = await Service().StatusAsync(At("2027-03-20T10:00:00Z"));

        Assert.Equal("spring", reply.Upgrade!.Id);
        Assert.Equal(UpgradeStatus.Scheduled, reply.Upgrade.Status);
        Assert.Contains("Next upgrade", reply.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_between_phases_says_so()
    {
        var reply = await Service().StatusAsync(At("2027-03-29T10:00:00Z"));

        Assert.Contains("between phases", reply.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_escalation_the_answer_shows_the_reference_instead_of_the_button()
    {
        var service = Service();
        var original = await Ask("usage-destination-graphs", "2027-04-07T09:00:00Z", service: service);
        var request = new EscalationRequest(Someone, original.Escalation!.Context);

        var updated = await service.AfterEscalationAsync(request, new EscalationResult(EscalationOutcome.Created, "UPG-20270407-0001", "Escalated."));

        Assert.False(updated.EscalationOffered);
        Assert.Equal("UPG-20270407-0001", updated.Receipt!.Reference);
        Assert.Equal(original.Headline, updated.Headline);
        Assert.Contains("UPG-20270407-0001", ReplyText.Render(updated), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Long_questions_are_cut_to_fit_the_button()
    {
        var service = Service();
        var reply = await service.AnswerAsync(new Inquiry(new string('x', 5000), At("2027-06-01T09:00:00Z"), Someone));

        Assert.Equal("none", reply.Topic);
        Assert.True(EscalationContext.Bounded(new string('x', 5000)).Length <= EscalationContext.MaxQuestionLength);
    }

    [Fact]
    public async Task The_outlook_during_an_upgrade_lists_what_the_console_may_show_on_the_customers_deployment()
    {
        var during = At("2027-03-27T02:00:00Z");

        var unknown = await Service().OutlookAsync(Someone, during);
        var hybrid = await Service().OutlookAsync(Someone with { TenantId = "hybrid-tenant" }, during);
        var publicCloud = await Service(DeploymentType.PublicCloud).OutlookAsync(Someone, during);

        Assert.StartsWith("Spring upgrade is in progress.", unknown.Text, StringComparison.Ordinal);
        Assert.Equal(["usage-destination-graphs", "destination-offline-alert (hybrid cloud deployments only)"], unknown.Symptoms);
        Assert.Equal(["usage-destination-graphs", "destination-offline-alert"], hybrid.Symptoms);
        Assert.Equal(["usage-destination-graphs"], publicCloud.Symptoms);
        Assert.StartsWith("It clears up on its own after the upgrade.", unknown.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_outlook_with_no_upgrade_around_says_an_upgrade_explains_nothing()
    {
        var outlook = await Service().OutlookAsync(Someone, At("2027-06-01T09:00:00Z"));

        Assert.StartsWith("No upgrade is running", outlook.Text, StringComparison.Ordinal);
        Assert.Empty(outlook.Symptoms);
        Assert.StartsWith("Check the Service Status Updates first.", outlook.Advice, StringComparison.Ordinal);
    }
}
