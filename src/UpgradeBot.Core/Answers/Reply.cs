using UpgradeBot.Core.Schedule;

namespace UpgradeBot.Core.Answers;

/// <summary>A channel-neutral answer; each platform renderer draws it in its own format.</summary>
public sealed record Reply(
    string Topic,
    Verdict Verdict,
    string Headline,
    string Explanation,
    IReadOnlyList<string> Steps,
    UpgradeSummary? Upgrade,
    DateTimeOffset? GraceDeadline,
    string? DeploymentNote,
    EscalationOffer? Escalation,
    EscalationReceipt? Receipt = null)
{
    public bool EscalationOffered => Escalation is not null;
}

/// <summary>The upgrade an answer is about, as it stood when the answer was composed.</summary>
public sealed record UpgradeSummary(
    string Id,
    string Title,
    UpgradeStatus Status,
    string? CurrentPhase,
    DateTimeOffset Start,
    DateTimeOffset End,
    Uri? StatusUrl)
{
    public static UpgradeSummary Of(UpgradeWindow window, DateTimeOffset at) =>
        new(window.Id, window.Title, window.StatusAt(at), window.PhaseAt(at)?.Name, window.Start, window.End, window.StatusUrl);
}

/// <summary>The escalate button: what it is labelled and the context the client sends back on a click.</summary>
public sealed record EscalationOffer(EscalationContext Context)
{
    public const string ActionVerb = "escalate";
    public const string ButtonTitle = "Escalate to Customer Champions";
}

/// <summary>
/// What a client sends back when the escalate button is pressed. It travels through the user's
/// client, so it is validated again (<see cref="EscalationContextValidator"/>) before use.
/// </summary>
public sealed record EscalationContext(string Topic, string Verdict, string? UpgradeId, string Question, DateTimeOffset AskedAt)
{
    /// <summary>Keeps the context small enough for a Slack button value (2,000 characters) once serialized.</summary>
    public const int MaxQuestionLength = 500;

    public static string Bounded(string question) =>
        question.Length <= MaxQuestionLength ? question : question[..MaxQuestionLength];
}

/// <summary>Shown instead of the button once an escalation exists.</summary>
public sealed record EscalationReceipt(string Reference, bool IsNew, string WhatHappensNext);
