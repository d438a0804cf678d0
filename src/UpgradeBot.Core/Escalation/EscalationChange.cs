namespace UpgradeBot.Core.Escalation;

/// <summary>What the store did with a state change; <see cref="Escalation"/> is null only when there is no such escalation.</summary>
public sealed record EscalationChange(EscalationChangeOutcome Outcome, EscalationRecord? Escalation);
