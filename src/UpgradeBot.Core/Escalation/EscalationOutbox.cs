using System.Diagnostics;
using Microsoft.Extensions.Logging;
using UpgradeBot.Core.Background;
using UpgradeBot.Core.Diagnostics;
using UpgradeBot.Core.Messaging;

namespace UpgradeBot.Core.Escalation;

/// <summary>
/// Delivers recorded escalations to Customer Champions on every platform where they are configured
/// (<see cref="IMessenger.Champions"/>), retrying by <see cref="DeliveryPolicy"/> until each
/// destination has it or gives up. Rows live in the store and are claimed with a lease, so
/// instances sharing the database never send one delivery together, and a restart (or another
/// instance) picks up where a dead process stopped. A background step: the host's loop runs it.
/// </summary>
public sealed partial class EscalationOutbox : IBackgroundStep
{
    private const int BatchSize = 50;

    private readonly IEscalationStore _store;
    private readonly Dictionary<string, IMessenger> _destinations;
    private readonly DeliveryPolicy _policy;
    private readonly TimeSpan _claimLease;
    private readonly TimeProvider _time;
    private readonly ILogger<EscalationOutbox> _logger;

    /// <param name="claimLease">How long a claimed delivery stays hidden from other instances' outboxes (<c>Escalation:ClaimLease</c>).</param>
    public EscalationOutbox(IEscalationStore store, IEnumerable<IMessenger> messengers, DeliveryPolicy policy, TimeSpan claimLease, TimeProvider time, ILogger<EscalationOutbox> logger)
    {
        (_store, _policy, _claimLease, _time, _logger) = (store, policy, claimLease, time, logger);
        _destinations = messengers.Where(m => m.Champions is not null).ToDictionary(m => m.Platform, StringComparer.Ordinal);
    }

    public string Name => "escalation outbox";

    public TimeSpan PollInterval => _policy.PollInterval;

    public WorkSignal Signal { get; } = new();

    WorkSignal? IBackgroundStep.Signal => Signal;

    /// <summary>Where a new escalation goes: every platform with a Customer Champions conversation.</summary>
    public IReadOnlyCollection<string> Destinations => _destinations.Keys;

    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        var due = await _store.ClaimDueDeliveriesAsync(_time.GetUtcNow(), _claimLease, BatchSize, cancellationToken).ConfigureAwait(false);
        // An escalation goes to several destinations: read it once for all of them.
        var escalations = new Dictionary<string, EscalationRecord?>(StringComparer.Ordinal);
        foreach (var delivery in due)
        {
            if (!escalations.TryGetValue(delivery.Reference, out var escalation))
            {
                escalation = await _store.GetAsync(delivery.Reference, cancellationToken).ConfigureAwait(false);
                escalations[delivery.Reference] = escalation;
            }

            if (escalation is not null)
            {
                await DeliverAsync(delivery, escalation, cancellationToken).ConfigureAwait(false);
            }
        }

        return due.Count == BatchSize;
    }

    private async Task DeliverAsync(EscalationDelivery delivery, EscalationRecord escalation, CancellationToken cancellationToken)
    {
        var result = _destinations.TryGetValue(delivery.Destination, out var messenger)
            ? await messenger.TrySendAsync(new OutboundMessage(messenger.Champions!, new EscalationNotice(escalation)), cancellationToken).ConfigureAwait(false)
            : SendResult.Permanent($"destination '{delivery.Destination}' is no longer configured");

        var attempt = delivery.Attempts + 1;
        var now = _time.GetUtcNow();
        var decision = _policy.Decide(result, attempt, Random.Shared.NextDouble(), now);
        if (decision.Step != DeliveryStep.Wait)
        {
            BotMetrics.Escalations.Add(1, new TagList
            {
                { "outcome", decision.Step switch { DeliveryStep.Done => "delivered", DeliveryStep.Retry => "retried", _ => "failed" } },
                { "destination", delivery.Destination },
            });
        }

        switch (decision.Step)
        {
            case DeliveryStep.Done:
                await _store.RecordAttemptAsync(delivery.Reference, delivery.Destination, now, true, null, null, cancellationToken).ConfigureAwait(false);
                LogDelivered(delivery.Reference, delivery.Destination, attempt);
                break;
            case DeliveryStep.Wait:
                await _store.PostponeDeliveryAsync(delivery.Reference, delivery.Destination, decision.At!.Value, cancellationToken).ConfigureAwait(false);
                Signal.WakeAt(decision.At.Value, _time);
                break;
            case DeliveryStep.Retry:
                await _store.RecordAttemptAsync(delivery.Reference, delivery.Destination, now, false, result.Error, decision.At, cancellationToken).ConfigureAwait(false);
                LogRetrying(delivery.Reference, delivery.Destination, attempt, decision.At!.Value, result.Error);
                break;
            default:
                await _store.RecordAttemptAsync(delivery.Reference, delivery.Destination, now, false, result.Error, null, cancellationToken).ConfigureAwait(false);
                LogGaveUp(delivery.Reference, delivery.Destination, attempt, result.Error);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation {Reference} delivered to {Destination} on attempt {Attempt}")]
    private partial void LogDelivered(string reference, string destination, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation {Reference} to {Destination} failed on attempt {Attempt}; retrying at {RetryAt}: {Error}")]
    private partial void LogRetrying(string reference, string destination, int attempt, DateTimeOffset retryAt, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Escalation {Reference} could not be delivered to {Destination} after {Attempt} attempts; marked failed: {Error}")]
    private partial void LogGaveUp(string reference, string destination, int attempt, string? error);
}
