namespace UpgradeBot.Escalation;

public sealed record WebhookRequester(string Platform, string TenantId, string UserId, string UserName, string ConversationId);
