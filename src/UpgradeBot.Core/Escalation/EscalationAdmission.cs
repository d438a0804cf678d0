namespace UpgradeBot.Core.Escalation;

/// <summary>The outcome of trying to record an escalation; <see cref="Escalation"/> is null only when the limit was hit.</summary>
public sealed record EscalationAdmission(EscalationOutcome Outcome, EscalationRecord? Escalation);
