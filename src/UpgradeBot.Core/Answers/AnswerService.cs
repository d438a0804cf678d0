using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Knowledge;

namespace UpgradeBot.Core.Answers;

/// <summary>Turns a question into a <see cref="Reply"/>: topic from the matcher, verdict from the timing rule, text from the knowledge base.</summary>
public sealed class AnswerService(
    KnowledgeBase knowledge,
    IQuestionMatcher matcher,
    IUpgradeSchedule schedule,
    TimingRule timing,
    DeploymentDirectory deployments,
    CalendarFeedLink? calendar = null) : IAnswerService
{
    private readonly ReplyWording _wording = new(timing.Calendar);
    private readonly string _declineText = DeclineText(knowledge);

    public async Task<Reply> AnswerAsync(Inquiry inquiry, CancellationToken cancellationToken = default)
    {
        var topic = matcher.Match(inquiry.Text).Topic;
        var windows = await schedule.GetWindowsAsync(cancellationToken).ConfigureAwait(false);
        var deployment = inquiry.Deployment ?? await deployments.ForAsync(inquiry.Asker, cancellationToken).ConfigureAwait(false);
        return Compose(topic, inquiry.Text, inquiry.AskedAt, deployment, windows);
    }

    public async Task<Reply> StatusAsync(DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var windows = await schedule.GetWindowsAsync(cancellationToken).ConfigureAwait(false);
        var statusTopic = knowledge.FirstOfKind(TopicKind.Status);
        return Status(statusTopic, windows, at);
    }

    public async Task<Outlook> OutlookAsync(Asker asker, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var windows = await schedule.GetWindowsAsync(cancellationToken).ConfigureAwait(false);
        var deployment = await deployments.ForAsync(asker, cancellationToken).ConfigureAwait(false);
        var assessed = timing.Assess(windows, at);
        if (assessed.Verdict is not (Verdict.ExpectedDuringUpgrade or Verdict.SettlingAfterUpgrade))
        {
            return new Outlook(_wording.Outlook(assessed), [], _wording.TimingAdvice(Verdict.NotUpgradeRelated));
        }

        var symptoms = knowledge.Topics
            .Where(t => t.Kind == TopicKind.Symptom && t.CanAffect(deployment))
            .Select(t => deployment == DeploymentType.Unknown && !t.CanAffect(DeploymentType.PublicCloud) ? $"{t.Title} (hybrid cloud deployments only)" : t.Title);
        return new Outlook(_wording.Outlook(assessed), [.. symptoms], _wording.TimingAdvice(assessed.Verdict));
    }

    public Reply Help()
    {
        var help = knowledge.FirstOfKind(TopicKind.Help);
        return new Reply(
            help?.Id ?? "help",
            Verdict.None,
            "Here is what I can do.",
            help?.Explanation ?? "Ask me whether something in your admin console is caused by an upgrade.",
            [.. BotCommand.All.Select(c => $"{c.Name}: {c.Description}")],
            Upgrade: null,
            GraceDeadline: null,
            DeploymentNote: null,
            Escalation: null);
    }

    public async Task<Reply> AfterEscalationAsync(EscalationRequest request, EscalationResult result, CancellationToken cancellationToken = default)
    {
        var original = await OriginalAsync(request.Asker, request.Context, cancellationToken).ConfigureAwait(false);
        var receipt = result.Reference is null ? null : new EscalationReceipt(result.Reference, result.IsNew, ReplyWording.WhatHappensNext(result.IsNew));
        return original with { Escalation = null, Receipt = receipt };
    }

    public async Task<Reply> ForEscalationAsync(EscalationRecord escalation, bool withProgress, CancellationToken cancellationToken = default)
    {
        var original = await OriginalAsync(escalation.Asker, escalation.Context, cancellationToken).ConfigureAwait(false);
        var receipt = withProgress
            ? new EscalationReceipt(escalation.Reference, false, EscalationWording.WhatHappensNext(escalation), EscalationWording.Latest(escalation), escalation.TicketId)
            : new EscalationReceipt(escalation.Reference, false, ReplyWording.WhatHappensNext(isNew: true));
        return original with { Escalation = null, Receipt = receipt };
    }

    private async Task<Reply> OriginalAsync(Asker asker, EscalationContext context, CancellationToken cancellationToken)
    {
        var windows = await schedule.GetWindowsAsync(cancellationToken).ConfigureAwait(false);
        var deployment = await deployments.ForAsync(asker, cancellationToken).ConfigureAwait(false);
        return Compose(knowledge.Find(context.Topic), context.Question, context.AskedAt, deployment, windows);
    }

    /// <summary>The composition step alone, for callers that already know the topic (eval, benchmarks).</summary>
    public Reply Compose(Topic? topic, string question, DateTimeOffset at, DeploymentType deployment, IReadOnlyList<UpgradeWindow> windows)
    {
        if (topic is null)
        {
            return OutOfScope();
        }

        return topic.Kind switch
        {
            TopicKind.Help => Help(),
            TopicKind.Status => Status(topic, windows, at),
            TopicKind.Escalate => Plain(topic, "I can hand this to Customer Champions.", Offer(topic, Verdict.None, null, question, at)),
            _ => Symptom(topic, question, at, deployment, windows),
        };
    }

    private Reply Symptom(Topic topic, string question, DateTimeOffset at, DeploymentType deployment, IReadOnlyList<UpgradeWindow> windows)
    {
        var assessed = timing.Assess(windows, at);
        var rulesOut = topic.Kind == TopicKind.Unaffected || !topic.CanAffect(deployment);
        var verdict = rulesOut ? Verdict.NotUpgradeRelated : assessed.Verdict;
        var shown = rulesOut ? assessed with { Verdict = verdict } : assessed;

        var escalation = verdict is Verdict.PersistingEscalate or Verdict.NotUpgradeRelated
            ? Offer(topic, verdict, assessed.Upgrade?.Id, question, at)
            : null;
        var advice = _wording.TimingAdvice(verdict);
        var explanation = advice is null ? topic.Explanation : $"{topic.Explanation}\n\n{advice}";

        return new Reply(
            topic.Id,
            verdict,
            _wording.Headline(topic, shown, rulesOut && topic.Kind != TopicKind.Unaffected),
            explanation,
            verdict == Verdict.NotUpgradeRelated ? [] : topic.Steps,
            assessed.Upgrade is null ? null : UpgradeSummary.Of(assessed.Upgrade, at),
            verdict is Verdict.ExpectedDuringUpgrade or Verdict.SettlingAfterUpgrade or Verdict.PersistingEscalate ? assessed.GraceDeadline : null,
            ReplyWording.DeploymentNote(topic, deployment, knowledge),
            escalation);
    }

    private Reply Status(Topic? topic, IReadOnlyList<UpgradeWindow> windows, DateTimeOffset at)
    {
        var window = ScheduleQueries.Relevant(windows, at, timing.Lookback);
        var headline = window is null
            ? "No upgrade is running or scheduled."
            : window.StatusAt(at) switch
            {
                UpgradeStatus.InProgress when window.PhaseAt(at) is { } phase => $"{window.Title} is in progress ({phase.Name}).",
                UpgradeStatus.InProgress => $"{window.Title} is in progress, between phases.",
                UpgradeStatus.Scheduled => $"Next upgrade: {window.Title}, starting {_wording.When(window.Start)}.",
                _ => $"{window.Title} finished on {_wording.When(window.End)}.",
            };
        return new Reply(
            topic?.Id ?? "upgrade-status",
            Verdict.None,
            headline,
            topic?.Explanation ?? string.Empty,
            [],
            window is null ? null : UpgradeSummary.Of(window, at),
            window is not null && window.End <= at ? timing.GraceDeadline(window) : null,
            DeploymentNote: null,
            Escalation: null,
            CalendarUrl: calendar?.Url);
    }

    private static Reply Plain(Topic topic, string headline, EscalationOffer? escalation) =>
        new(topic.Id, Verdict.None, headline, topic.Explanation, topic.Steps, null, null, null, escalation);

    private Reply OutOfScope() =>
        new(Topic.NoneId, Verdict.None, "Sorry, that's outside what I know about.", _declineText, [], null, null, null, null);

    /// <summary>
    /// What the bot does know about (read from the knowledge base, so a symptom an operator adds
    /// is named too) and where other matters go. A decline offers no escalation: the button is for
    /// upgrade symptoms, and support takes other matters through its usual channels.
    /// </summary>
    private static string DeclineText(KnowledgeBase knowledge)
    {
        var symptoms = knowledge.Topics.Where(t => t.Kind is TopicKind.Symptom or TopicKind.Unaffected).Select(t => t.Title);
        return "I can tell you whether something in your admin console is caused by a public cloud upgrade "
            + $"({string.Join("; ", symptoms)}), and when upgrades are scheduled. For anything else, such as how to "
            + "use a feature, a console that won't load or let you sign in, the backup agent, or licences and billing, "
            + "please ask one of your organization's named support contacts to open a case with our support team "
            + "through the usual support channels. Type help to see what I can do.";
    }

    private static EscalationOffer Offer(Topic topic, Verdict verdict, string? upgradeId, string question, DateTimeOffset at) =>
        new(new EscalationContext(topic.Id, verdict.ToWire(), upgradeId, EscalationContext.Bounded(question), at));
}
