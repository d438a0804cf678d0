using UpgradeBot.Core.Inbound;

namespace UpgradeBot.Storage;

/// <summary>An inbound_events row as both providers read it back.</summary>
internal sealed class InboundEventRow
{
    public const string Columns =
        "platform AS Platform, event_id AS EventId, lane AS Lane, payload AS Payload, received_at AS ReceivedAt, attempts AS Attempts, tenant_id AS TenantId";

    public required string Platform { get; init; }
    public required string EventId { get; init; }
    public required string Lane { get; init; }
    public required string Payload { get; init; }
    public long ReceivedAt { get; init; }
    public long Attempts { get; init; }
    public required string TenantId { get; init; }

    /// <summary>UPDATE … RETURNING gives rows in no promised order; the contract hands them out oldest first.</summary>
    public static List<InboundEvent> OldestFirst(IEnumerable<InboundEventRow> rows) =>
        [.. rows.OrderBy(r => r.ReceivedAt).ThenBy(r => r.EventId, StringComparer.Ordinal)
            .Select(r => new InboundEvent(r.Platform, r.EventId, r.Lane, r.Payload, DateTimeOffset.FromUnixTimeMilliseconds(r.ReceivedAt), (int)r.Attempts, r.TenantId))];
}
