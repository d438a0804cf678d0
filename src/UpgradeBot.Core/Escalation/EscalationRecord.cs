namespace UpgradeBot.Core.Escalation;

/// <summary>An escalation as Customer Champions receive it: the reference plus everything the user's question carried.</summary>
/// <param name="Customer">Who the customer is at the vendor, as its settings stood when the escalation was made; null while not set up.</param>
/// <param name="Acknowledged">Set once a Customer Champion acknowledged it.</param>
/// <param name="Resolved">Set once it was resolved.</param>
/// <param name="TicketId">The help desk's ticket, once it has one.</param>
/// <param name="Origin">Where the requester is told about its progress; null when unknown (escalated before this was kept).</param>
public sealed record EscalationRecord(
    string Reference,
    Asker Asker,
    EscalationContext Context,
    DeliveryStatus Status,
    DateTimeOffset CreatedAt,
    CustomerProfile? Customer = null,
    EscalationStateChange? Acknowledged = null,
    EscalationStateChange? Resolved = null,
    string? TicketId = null,
    EscalationOrigin? Origin = null)
{
    public EscalationState State => Resolved is not null ? EscalationState.Resolved
        : Acknowledged is not null ? EscalationState.Acknowledged
        : EscalationState.Open;

    /// <summary>The states Customer Champions can still move it to: the actions its post offers, in order.</summary>
    public IReadOnlyList<EscalationState> NextStates => State switch
    {
        EscalationState.Open => [EscalationState.Acknowledged, EscalationState.Resolved],
        EscalationState.Acknowledged => [EscalationState.Resolved],
        _ => [],
    };

    /// <summary>The change an event reports; null for a ticket, which changes no state.</summary>
    public EscalationStateChange? ChangeFor(EscalationEvent happened) => happened switch
    {
        EscalationEvent.Acknowledged => Acknowledged,
        EscalationEvent.Resolved => Resolved,
        _ => null,
    };
}
