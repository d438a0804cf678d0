namespace UpgradeBot.Core.Escalation;

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
