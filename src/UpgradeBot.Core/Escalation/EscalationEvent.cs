namespace UpgradeBot.Core.Escalation;

/// <summary>What happened to an escalation after it was sent, each told to every copy that follows it.</summary>
public enum EscalationEvent
{
    /// <summary>The help desk opened a ticket for it.</summary>
    TicketOpened,

    /// <summary>It moved to <see cref="EscalationState.Acknowledged"/>.</summary>
    Acknowledged,

    /// <summary>It moved to <see cref="EscalationState.Resolved"/>.</summary>
    Resolved,
}
