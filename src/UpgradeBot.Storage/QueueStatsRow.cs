using UpgradeBot.Core.Inbound;

namespace UpgradeBot.Storage;

internal sealed class QueueStatsRow
{
    public long Pending { get; init; }
    public long? Oldest { get; init; }

    public InboundQueueStats ToStats() =>
        new((int)Pending, Oldest is { } oldest ? DateTimeOffset.FromUnixTimeMilliseconds(oldest) : null);
}
