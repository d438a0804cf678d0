namespace UpgradeBot.Core.Escalation;

/// <summary>What happened to an escalation request; <see cref="Message"/> is written for the user.</summary>
public sealed record EscalationResult(EscalationOutcome Outcome, string? Reference, string Message)
{
    public bool IsNew => Outcome == EscalationOutcome.Created;

    public bool HasReference => Reference is not null;
}
