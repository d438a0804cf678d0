namespace UpgradeBot.Core.Retention;

/// <summary>What one round of pruning deleted, per rule.</summary>
/// <param name="EventPayloads">Handled inbound events whose payload was deleted (their ids stay).</param>
/// <param name="EventIds">Handled inbound events deleted altogether.</param>
public sealed record PrunedRows(int EventPayloads, int EventIds, int Announcements, int Escalations)
{
    public static PrunedRows None { get; } = new(0, 0, 0, 0);

    public int Total => EventPayloads + EventIds + Announcements + Escalations;

    /// <summary>True when some rule deleted a whole batch: more of it may be waiting.</summary>
    public bool AnyFull(int batchSize) => EventPayloads >= batchSize || EventIds >= batchSize || Announcements >= batchSize || Escalations >= batchSize;

    public PrunedRows Plus(PrunedRows other) =>
        new(EventPayloads + other.EventPayloads, EventIds + other.EventIds, Announcements + other.Announcements, Escalations + other.Escalations);
}
