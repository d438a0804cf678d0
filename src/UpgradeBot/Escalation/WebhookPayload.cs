using UpgradeBot.Core.Escalation;

namespace UpgradeBot.Escalation;

/// <summary>What Customer Champions' receiver gets: the reference and the whole context of the question.</summary>
public sealed record WebhookPayload(
    string Reference,
    DateTimeOffset CreatedAt,
    WebhookRequester Requester,
    string Question,
    DateTimeOffset AskedAt,
    string Topic,
    string Verdict,
    string? UpgradeId)
{
    public static WebhookPayload From(EscalationRecord e) => new(
        e.Reference,
        e.CreatedAt,
        new WebhookRequester(e.Asker.Platform, e.Asker.TenantId, e.Asker.UserId, e.Asker.UserName, e.Asker.ConversationId),
        e.Context.Question,
        e.Context.AskedAt,
        e.Context.Topic,
        e.Context.Verdict,
        e.Context.UpgradeId);
}
