namespace UpgradeBot.Core.Inbound;

public sealed record InboundQueueStats(int Pending, DateTimeOffset? OldestReceivedAt);
