namespace UpgradeBot.Core.Escalation;

/// <summary>
/// What Customer Champions receive for an escalation: the record with everything the question
/// carried and where it stands now (state, who, when, ticket). Chat posts show the current state
/// with the actions that still apply.
/// </summary>
/// <param name="Event">What this send reports: null for the new escalation, else the change after it (the webhook's event).</param>
public sealed record EscalationNotice(EscalationRecord Escalation, EscalationEvent? Event = null) : MessageContent;
