using System.Diagnostics;
using UpgradeBot.Core.Background;
using UpgradeBot.Core.Diagnostics;

namespace UpgradeBot.Core.Escalation;

/// <summary>
/// Delivers recorded escalations to Customer Champions on every platform where they are configured
/// (<see cref="IMessenger.Champions"/>), and then keeps every copy current: after a ticket is opened
/// or a state change, the Champions' posts are updated in place, the webhook is told, and the
/// requester hears about it in the conversation they escalated from. Each send is a row in the
/// store, retried by <see cref="DeliveryPolicy"/> until it goes through or gives up, so a restart
/// picks up where the last process stopped. Deliveries are claimed with a lease, so instances
/// sharing the database never send one together. A background step: the host's loop runs it.
/// </summary>
public sealed partial class EscalationOutbox : IBackgroundStep
{
    private const int BatchSize = 50;

    private readonly IEscalationStore _store;
    private readonly Dictionary<string, IMessenger> _destinations;
    private readonly Dictionary<string, IMessenger> _platforms;
    private readonly DeliveryPolicy _policy;
    private readonly TimeSpan _claimLease;
    private readonly TimeProvider _time;
    private readonly ILogger<EscalationOutbox> _logger;

    /// <param name="claimLease">How long a claimed delivery stays hidden from other instances' outboxes (<c>Escalation:ClaimLease</c>).</param>
    public EscalationOutbox(IEscalationStore store, IEnumerable<IMessenger> messengers, DeliveryPolicy policy, TimeSpan claimLease, TimeProvider time, ILogger<EscalationOutbox> logger)
    {
        (_store, _policy, _claimLease, _time, _logger) = (store, policy, claimLease, time, logger);
        var all = messengers.ToList();
        _destinations = all.Where(m => m.Champions is not null).ToDictionary(m => m.Platform, StringComparer.Ordinal);
        _platforms = all.ToDictionary(m => m.Platform, StringComparer.Ordinal);
        Followers = [.. _destinations.Values.Where(m => m is not IHelpDesk).Select(m => m.Platform)];
    }

    public string Name => "escalation outbox";

    public TimeSpan PollInterval => _policy.PollInterval;

    public WorkSignal Signal { get; } = new();

    WorkSignal? IBackgroundStep.Signal => Signal;

    /// <summary>Where a new escalation goes: every platform with a Customer Champions conversation.</summary>
    public IReadOnlyCollection<string> Destinations => _destinations.Keys;

    /// <summary>The destinations that hear about an escalation after it was sent: every one but the help desks.</summary>
    public IReadOnlyCollection<string> Followers { get; }

    /// <summary>Who is told when <paramref name="escalation"/> moves on: its followers, and the requester when we know where they are.</summary>
    public IReadOnlyCollection<string> Notified(EscalationRecord escalation) =>
        escalation.Origin is null ? Followers : [.. Followers, EscalationUpdate.Requester];

    /// <summary>
    /// True when <paramref name="conversation"/> is a Customer Champions conversation: the same
    /// channel on the same platform, in the same tenant when the configuration names one.
    /// </summary>
    public bool IsChampions(ConversationKey conversation) =>
        _destinations.TryGetValue(conversation.Platform, out var messenger)
        && messenger.Champions!.Key is var champions
        && string.Equals(champions.ChannelId, conversation.ChannelId, StringComparison.Ordinal)
        && (champions.TenantId.Length == 0 || string.Equals(champions.TenantId, conversation.TenantId, StringComparison.Ordinal));

    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        var deliveries = await _store.ClaimDueDeliveriesAsync(_time.GetUtcNow(), _claimLease, BatchSize, cancellationToken).ConfigureAwait(false);
        // An escalation goes to several destinations: read it once for all of them.
        var escalations = new Dictionary<string, EscalationRecord?>(StringComparer.Ordinal);
        foreach (var delivery in deliveries)
        {
            if (await ReadAsync(escalations, delivery.Reference, cancellationToken).ConfigureAwait(false) is { } escalation)
            {
                await DeliverAsync(delivery, escalation, cancellationToken).ConfigureAwait(false);
            }
        }

        // Read again: a delivery above may have opened a ticket, which the updates show.
        escalations.Clear();
        var updates = await _store.ClaimDueUpdatesAsync(_time.GetUtcNow(), _claimLease, BatchSize, cancellationToken).ConfigureAwait(false);
        foreach (var update in updates)
        {
            if (await ReadAsync(escalations, update.Reference, cancellationToken).ConfigureAwait(false) is { } escalation)
            {
                await UpdateAsync(update, escalation, cancellationToken).ConfigureAwait(false);
            }
        }

        return deliveries.Count == BatchSize || updates.Count == BatchSize;
    }

    private async Task<EscalationRecord?> ReadAsync(Dictionary<string, EscalationRecord?> read, string reference, CancellationToken cancellationToken)
    {
        if (!read.TryGetValue(reference, out var escalation))
        {
            escalation = await _store.GetAsync(reference, cancellationToken).ConfigureAwait(false);
            read[reference] = escalation;
        }

        return escalation;
    }

    private async Task DeliverAsync(EscalationDelivery delivery, EscalationRecord escalation, CancellationToken cancellationToken)
    {
        var messenger = _destinations.GetValueOrDefault(delivery.Destination);
        var result = messenger is null
            ? SendResult.Permanent($"destination '{delivery.Destination}' is no longer configured")
            : await messenger.TrySendAsync(new OutboundMessage(messenger.Champions!, new EscalationNotice(escalation)), cancellationToken).ConfigureAwait(false);

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
                // The ticket is kept first: if the process stops in between, the delivery is retried,
                // the help desk answers with the same ticket, and it is recorded again.
                if (messenger is IHelpDesk && result.MessageId is { } ticket)
                {
                    await _store.RecordTicketAsync(delivery.Reference, ticket, Notified(escalation), now, cancellationToken).ConfigureAwait(false);
                    Signal.Wake();
                }

                await _store.RecordAttemptAsync(delivery.Reference, delivery.Destination, now, true, null, null, result.MessageId, cancellationToken).ConfigureAwait(false);
                LogDelivered(delivery.Reference, delivery.Destination, attempt);
                break;
            case DeliveryStep.Wait:
                await _store.PostponeDeliveryAsync(delivery.Reference, delivery.Destination, decision.At!.Value, cancellationToken).ConfigureAwait(false);
                Signal.WakeAt(decision.At.Value, _time);
                break;
            case DeliveryStep.Retry:
                await _store.RecordAttemptAsync(delivery.Reference, delivery.Destination, now, false, result.Error, decision.At, null, cancellationToken).ConfigureAwait(false);
                LogRetrying(delivery.Reference, delivery.Destination, attempt, decision.At!.Value, result.Error);
                break;
            default:
                await _store.RecordAttemptAsync(delivery.Reference, delivery.Destination, now, false, result.Error, null, null, cancellationToken).ConfigureAwait(false);
                LogGaveUp(delivery.Reference, delivery.Destination, attempt, result.Error);
                break;
        }
    }

    private async Task UpdateAsync(EscalationUpdate update, EscalationRecord escalation, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var (messenger, message, skipped) = Route(update, escalation);
        if (skipped is not null)
        {
            await _store.RecordUpdateAttemptAsync(update, now, EscalationUpdateState.Skipped, skipped, null, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        var result = messenger is null
            ? SendResult.Permanent($"destination '{update.Destination}' is no longer configured")
            : await messenger.TrySendAsync(message!, cancellationToken).ConfigureAwait(false);
        var attempt = update.Attempts + 1;
        var decision = _policy.Decide(result, attempt, Random.Shared.NextDouble(), now);
        switch (decision.Step)
        {
            case DeliveryStep.Done:
                // A post made anew (there was none to update) becomes the one later updates replace.
                var posted = message!.Replaces is null ? result.MessageId : null;
                await _store.RecordUpdateAttemptAsync(update, now, EscalationUpdateState.Sent, null, null, posted, cancellationToken).ConfigureAwait(false);
                LogUpdated(update.Reference, update.Event, update.Destination, attempt);
                break;
            case DeliveryStep.Wait:
                await _store.PostponeUpdateAsync(update, decision.At!.Value, cancellationToken).ConfigureAwait(false);
                Signal.WakeAt(decision.At.Value, _time);
                break;
            case DeliveryStep.Retry:
                await _store.RecordUpdateAttemptAsync(update, now, EscalationUpdateState.Pending, result.Error, decision.At, null, cancellationToken).ConfigureAwait(false);
                LogRetrying(update.Reference, $"{update.Destination} ({update.Event})", attempt, decision.At!.Value, result.Error);
                break;
            default:
                await _store.RecordUpdateAttemptAsync(update, now, EscalationUpdateState.Failed, result.Error, null, null, cancellationToken).ConfigureAwait(false);
                LogGaveUp(update.Reference, $"{update.Destination} ({update.Event})", attempt, result.Error);
                break;
        }
    }

    /// <summary>Where an update goes and what it says; or why there is nothing to send.</summary>
    private (IMessenger? Messenger, OutboundMessage? Message, string? Skipped) Route(EscalationUpdate update, EscalationRecord escalation)
    {
        if (update.Destination == EscalationUpdate.Requester)
        {
            if (escalation.Origin is not { } origin)
            {
                return (null, null, "the conversation the requester escalated from is not known");
            }

            var progress = EscalationWording.Progress(escalation, update.Event);
            return progress is null
                ? (null, null, "nothing to tell yet")
                : (_platforms.GetValueOrDefault(origin.Conversation.Key.Platform), new OutboundMessage(origin.Conversation, progress, ThreadId: origin.ThreadId), null);
        }

        // A ticket adds a line to what is there; with nothing there (a webhook, a post that never
        // arrived), the next post shows it anyway.
        if (update.Event == EscalationEvent.TicketOpened && update.PostId is null)
        {
            return (null, null, "no post to update in place");
        }

        var messenger = _destinations.GetValueOrDefault(update.Destination);
        return (messenger, messenger is null ? null : new OutboundMessage(messenger.Champions!, new EscalationNotice(escalation, update.Event), Replaces: update.PostId), null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation {Reference} delivered to {Destination} on attempt {Attempt}")]
    private partial void LogDelivered(string reference, string destination, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation {Reference}: {Event} told to {Destination} on attempt {Attempt}")]
    private partial void LogUpdated(string reference, EscalationEvent @event, string destination, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation {Reference} to {Destination} failed on attempt {Attempt}; retrying at {RetryAt}: {Error}")]
    private partial void LogRetrying(string reference, string destination, int attempt, DateTimeOffset retryAt, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Escalation {Reference} could not be delivered to {Destination} after {Attempt} attempts; marked failed: {Error}")]
    private partial void LogGaveUp(string reference, string destination, int attempt, string? error);
}
