namespace UpgradeBot.Core.Escalation;

/// <summary>
/// Where Customer Champions are with an escalation. It only moves forward; after
/// <see cref="Resolved"/> the same problem asked again is a new escalation.
/// </summary>
public enum EscalationState
{
    /// <summary>Recorded and sent; nobody has taken it yet.</summary>
    Open,

    /// <summary>A Customer Champion is looking into it.</summary>
    Acknowledged,

    /// <summary>Customer Champions are done with it.</summary>
    Resolved,
}
