using UpgradeBot.Core.Escalation;

namespace UpgradeBot.Escalation;

/// <summary>
/// What Customer Champions' receiver gets: the event, the reference, where the escalation stands
/// as of that event, the customer, and the whole context of the question.
/// </summary>
/// <param name="Event"><c>escalation.created</c>, <c>escalation.acknowledged</c> or <c>escalation.resolved</c>.</param>
/// <param name="State"><c>open</c>, <c>acknowledged</c> or <c>resolved</c>: the state the event left it in.</param>
public sealed record WebhookPayload(
    string Event,
    string Reference,
    string State,
    DateTimeOffset CreatedAt,
    WebhookRequester Requester,
    WebhookCustomer? Customer,
    string Question,
    DateTimeOffset AskedAt,
    string Topic,
    string Verdict,
    string? UpgradeId,
    string? TicketId,
    WebhookStateChange? Acknowledged,
    WebhookStateChange? Resolved)
{
    public static string EventName(EscalationEvent? happened) => happened switch
    {
        null => "escalation.created",
        EscalationEvent.Acknowledged => "escalation.acknowledged",
        EscalationEvent.Resolved => "escalation.resolved",
        _ => throw new ArgumentOutOfRangeException(nameof(happened), happened, "A ticket changes no state; the webhook is not told of it."),
    };

    /// <summary>The payload for <paramref name="happened"/> (null: the new escalation), showing only the changes up to it.</summary>
    public static WebhookPayload From(EscalationRecord e, EscalationEvent? happened)
    {
        var acknowledged = happened is EscalationEvent.Acknowledged or EscalationEvent.Resolved ? e.Acknowledged : null;
        var resolved = happened is EscalationEvent.Resolved ? e.Resolved : null;
        var state = resolved is not null ? EscalationState.Resolved : acknowledged is not null ? EscalationState.Acknowledged : EscalationState.Open;
        return new(
            EventName(happened),
            e.Reference,
            state.ToString().ToLowerInvariant(),
            e.CreatedAt,
            new WebhookRequester(e.Asker.Platform, e.Asker.TenantId, e.Asker.UserId, e.Asker.UserName, e.Asker.ConversationId),
            e.Customer is { } customer ? new WebhookCustomer(customer.AccountId, customer.SupportContact) : null,
            e.Context.Question,
            e.Context.AskedAt,
            e.Context.Topic,
            e.Context.Verdict,
            e.Context.UpgradeId,
            e.TicketId,
            WebhookStateChange.From(acknowledged),
            WebhookStateChange.From(resolved));
    }
}
