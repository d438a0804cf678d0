using UpgradeBot.Core.Answers;

namespace UpgradeBot.Core.Escalation;

/// <summary>How far delivery to Customer Champions has got.</summary>
public enum DeliveryStatus
{
    /// <summary>Recorded; delivery pending or being retried.</summary>
    Pending,

    /// <summary>Every configured destination has it.</summary>
    Delivered,

    /// <summary>A destination gave up after the configured attempts.</summary>
    Failed,
}

/// <summary>An escalation as Customer Champions receive it: the reference plus everything the user's question carried.</summary>
public sealed record EscalationRecord(
    string Reference,
    Asker Asker,
    EscalationContext Context,
    DeliveryStatus Status,
    DateTimeOffset CreatedAt);

/// <summary>
/// Posts a new escalation into a Customer Champions conversation on one platform. Implemented by
/// the channel adapters; delivery retries are the outbox's job, so an implementation throws on failure.
/// </summary>
public interface IChampionNotifier
{
    /// <summary>Stable name used as the outbox destination ("webhook", "teams", "slack").</summary>
    string Destination { get; }

    /// <summary>False when this destination is not configured and should receive nothing.</summary>
    bool IsConfigured { get; }

    Task NotifyAsync(EscalationRecord escalation, CancellationToken cancellationToken = default);
}
