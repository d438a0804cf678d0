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
    EscalationReceipt? Receipt = null,
    Uri? CalendarUrl = null) : MessageContent
{
    public bool EscalationOffered => Escalation is not null;
}
