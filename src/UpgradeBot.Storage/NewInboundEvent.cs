namespace UpgradeBot.Storage;

internal sealed record NewInboundEvent(string Platform, string TenantId, string EventId, string Lane, string Payload, long ReceivedAt, long DueAt);
