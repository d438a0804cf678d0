namespace UpgradeBot.Core.Inbound;

/// <summary>Queue depth and the oldest unprocessed event's receive time (metrics, health).</summary>
public sealed record InboundQueueStats(int Pending, DateTimeOffset? OldestReceivedAt);
