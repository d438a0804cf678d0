using UpgradeBot.Core.Answers;

namespace UpgradeBot.Core.Escalation;

/// <summary>A press of the escalate button: who pressed it, where, and the context the button carried.</summary>
public sealed record EscalationRequest(Asker Asker, EscalationContext Context);

public enum EscalationOutcome
{
    /// <summary>A new escalation was recorded and queued for Customer Champions.</summary>
    Created,

    /// <summary>This user already has an open escalation for this problem; its reference is returned.</summary>
    AlreadyOpen,

    /// <summary>The user reached <c>Escalation:MaxPerUserPerDay</c>; nothing was created.</summary>
    LimitReached,

    /// <summary>The context sent back by the client did not pass validation; nothing was created.</summary>
    Rejected,
}

/// <summary>What happened to an escalation request; <see cref="Message"/> is written for the user.</summary>
public sealed record EscalationResult(EscalationOutcome Outcome, string? Reference, string Message)
{
    public bool IsNew => Outcome == EscalationOutcome.Created;

    public bool HasReference => Reference is not null;
}

public interface IEscalationService
{
    Task<EscalationResult> EscalateAsync(EscalationRequest request, CancellationToken cancellationToken = default);
}
