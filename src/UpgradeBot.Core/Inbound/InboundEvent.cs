namespace UpgradeBot.Core.Inbound;

/// <summary>
/// An event a platform pushed to us, kept until handled so a crash after the ack loses nothing.
/// <see cref="Lane"/> is the conversation it belongs to (a platform-defined string such as
/// <c>T1/C1</c>, or the event id when it has none); <see cref="Attempts"/> counts claims, this one included;
/// <see cref="TenantId"/> is the customer it came from (empty when unknown).
/// </summary>
public sealed record InboundEvent(string Platform, string EventId, string Lane, string Payload, DateTimeOffset ReceivedAt, int Attempts, string TenantId = "");
