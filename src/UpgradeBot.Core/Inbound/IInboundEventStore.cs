namespace UpgradeBot.Core.Inbound;

/// <summary>An event a platform pushed to us, kept until handled so a crash after the ack loses nothing.</summary>
public sealed record InboundEvent(string Platform, string EventId, string Payload, DateTimeOffset ReceivedAt, int Attempts);

/// <summary>A durable queue of inbound events that also remembers which ids it has seen.</summary>
public interface IInboundEventStore
{
    /// <summary>Stores the event; false when an event with that id is already known (a platform retry).</summary>
    Task<bool> TryEnqueueAsync(string platform, string eventId, string payload, DateTimeOffset receivedAt, CancellationToken cancellationToken = default);

    /// <summary>Events not yet handled, oldest first.</summary>
    Task<IReadOnlyList<InboundEvent>> ListPendingAsync(string platform, int max, CancellationToken cancellationToken = default);

    Task RecordAttemptAsync(string platform, string eventId, CancellationToken cancellationToken = default);

    Task MarkProcessedAsync(string platform, string eventId, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task<bool> IsProcessedAsync(string platform, string eventId, CancellationToken cancellationToken = default);
}
