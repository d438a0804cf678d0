namespace UpgradeBot.Core.Escalation;

/// <summary>
/// What the requester is told in the conversation they escalated from when Customer Champions move
/// their escalation on. <see cref="At"/> (when a Customer Champion acted; null for a ticket) is drawn
/// in each reader's own time.
/// </summary>
public sealed record EscalationProgress(
    string Reference,
    EscalationEvent Event,
    string Headline,
    string Text,
    DateTimeOffset? At,
    string? Note,
    string? TicketId) : MessageContent;
