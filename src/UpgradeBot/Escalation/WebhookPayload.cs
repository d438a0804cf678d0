using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Escalation;

namespace UpgradeBot.Escalation;

/// <summary>What Customer Champions' receiver gets: the reference and the whole context of the question.</summary>
/// <param name="Customer">The customer's account id and support contact at the vendor, as its admins set them up; null while not set up.</param>
public sealed record WebhookPayload(
    string Reference,
    DateTimeOffset CreatedAt,
    WebhookRequester Requester,
    string Question,
    DateTimeOffset AskedAt,
    string Topic,
    string Verdict,
    string? UpgradeId,
    CustomerProfile? Customer)
{
    public static WebhookPayload From(EscalationRecord e) => new(
        e.Reference,
        e.CreatedAt,
        new WebhookRequester(e.Asker.Platform, e.Asker.TenantId, e.Asker.UserId, e.Asker.UserName, e.Asker.ConversationId),
        e.Context.Question,
        e.Context.AskedAt,
        e.Context.Topic,
        e.Context.Verdict,
        e.Context.UpgradeId,
        e.Customer);
}
