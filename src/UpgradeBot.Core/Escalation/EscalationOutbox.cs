using Microsoft.Extensions.Logging;
using UpgradeBot.Core.Background;

namespace UpgradeBot.Core.Escalation;

/// <summary>
/// Delivers recorded escalations to every configured Customer Champions destination, retrying
/// with backoff until each succeeds or gives up. Rows live in the store, so a restart picks up
/// where the last process stopped.
/// </summary>
public sealed partial class EscalationOutbox(
    IEscalationStore store,
    IEnumerable<IChampionNotifier> notifiers,
    DeliveryPolicy policy,
    TimeProvider time,
    ILogger<EscalationOutbox> logger)
{
    private readonly Dictionary<string, IChampionNotifier> _notifiers = notifiers.ToDictionary(n => n.Destination, StringComparer.Ordinal);
    private readonly WorkSignal _signal = new();

    /// <summary>Asks the delivery loop to look now instead of at its next poll.</summary>
    public void Wake() => _signal.Wake();

    public Task WaitForWorkAsync(TimeSpan poll, CancellationToken cancellationToken) => _signal.WaitAsync(poll, time, cancellationToken);

    /// <summary>Attempts every delivery that is due; returns how many were attempted.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var due = await store.ListDueDeliveriesAsync(time.GetUtcNow(), 50, cancellationToken).ConfigureAwait(false);
        // An escalation goes to several destinations: read it once for all of them.
        var escalations = new Dictionary<string, EscalationRecord?>(StringComparer.Ordinal);
        foreach (var delivery in due)
        {
            if (!escalations.TryGetValue(delivery.Reference, out var escalation))
            {
                escalation = await store.GetAsync(delivery.Reference, cancellationToken).ConfigureAwait(false);
                escalations[delivery.Reference] = escalation;
            }

            if (escalation is not null)
            {
                await DeliverAsync(delivery, escalation, cancellationToken).ConfigureAwait(false);
            }
        }

        return due.Count;
    }

    private async Task DeliverAsync(EscalationDelivery delivery, EscalationRecord escalation, CancellationToken cancellationToken)
    {

        var attempt = delivery.Attempts + 1;
        string? error;
        var permanent = false;
        if (!_notifiers.TryGetValue(delivery.Destination, out var notifier) || !notifier.IsConfigured)
        {
            error = $"destination '{delivery.Destination}' is no longer configured";
            permanent = true;
        }
        else
        {
            try
            {
                await notifier.NotifyAsync(escalation, cancellationToken).ConfigureAwait(false);
                error = null;
            }
            catch (ChampionDeliveryException e)
            {
                error = e.Message;
                permanent = e.Permanent;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // Anything else a notifier throws is treated as passing trouble: retried, and given up after MaxAttempts.
                error = $"{e.GetType().Name}: {e.Message}";
            }
        }

        var now = time.GetUtcNow();
        if (error is null)
        {
            await store.RecordAttemptAsync(delivery.Reference, delivery.Destination, now, true, null, null, cancellationToken).ConfigureAwait(false);
            LogDelivered(delivery.Reference, delivery.Destination, attempt);
            return;
        }

        var giveUp = permanent || attempt >= policy.MaxAttempts;
        DateTimeOffset? retryAt = giveUp ? null : now + policy.RetryDelay(attempt, Random.Shared.NextDouble());
        await store.RecordAttemptAsync(delivery.Reference, delivery.Destination, now, false, error, retryAt, cancellationToken).ConfigureAwait(false);
        if (giveUp)
        {
            LogGaveUp(delivery.Reference, delivery.Destination, attempt, error);
        }
        else
        {
            LogRetrying(delivery.Reference, delivery.Destination, attempt, retryAt!.Value, error);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation {Reference} delivered to {Destination} on attempt {Attempt}")]
    private partial void LogDelivered(string reference, string destination, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation {Reference} to {Destination} failed on attempt {Attempt}; retrying at {RetryAt}: {Error}")]
    private partial void LogRetrying(string reference, string destination, int attempt, DateTimeOffset retryAt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Escalation {Reference} could not be delivered to {Destination} after {Attempt} attempts; marked failed: {Error}")]
    private partial void LogGaveUp(string reference, string destination, int attempt, string error);
}
