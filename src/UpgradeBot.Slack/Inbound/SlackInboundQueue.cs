using UpgradeBot.Core.Background;
using UpgradeBot.Core.Diagnostics;
using UpgradeBot.Core.Inbound;

namespace UpgradeBot.Slack.Inbound;

/// <summary>
/// Works through the Slack events and button clicks the endpoints acknowledged and stored; a step of
/// the background loop. The store hands out one event per conversation at a time (its lane), so a
/// busy channel never takes more than one of the parallel slots; an event whose channel is held
/// back by the rate limit is put back until then instead of waiting in a slot; and slots are
/// refilled as they free, never waiting for a whole batch. An event that keeps failing is given up
/// after <c>Slack:InboundMaxAttempts</c> so it cannot block its lane.
/// </summary>
internal sealed partial class SlackInboundQueue(
    IInboundEventStore store,
    SlackInboundSignal signal,
    SlackInboundPacing pacing,
    SlackEventHandler events,
    SlackInteractionHandler interactions,
    SlackHome home,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackInboundQueue> logger) : IBackgroundStep
{
    /// <summary>Events handled side by side; each is a different conversation.</summary>
    private const int Parallelism = 16;

    /// <summary>An answer whose channel or workspace would keep it waiting longer goes back to the queue until then, freeing its slot.</summary>
    public static readonly TimeSpan MaxSendWait = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private int _inFlight;
    private TaskCompletionSource? _idle;

    private readonly DeliveryPolicy _retries = new(
        options.Value.InboundMaxAttempts, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), options.Value.InboundPollInterval);

    public string Name => "slack inbound";

    public TimeSpan PollInterval => options.Value.InboundPollInterval;

    public WorkSignal Signal => signal;

    /// <summary>
    /// Fills the free slots with due events and returns without waiting for them: a slow event (a
    /// post that waits for its channel's second) never holds up the next claim. Each finished event
    /// wakes the loop, so its slot is filled again at once.
    /// </summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        int free;
        lock (_gate)
        {
            free = Parallelism - _inFlight;
        }

        if (free <= 0)
        {
            return false;
        }

        var now = time.GetUtcNow();
        var claimed = await store.ClaimDueAsync(SlackPlatform.Name, now, options.Value.InboundClaimLease, free, cancellationToken).ConfigureAwait(false);
        foreach (var item in claimed)
        {
            lock (_gate)
            {
                _inFlight++;
            }

            _ = Task.Run(() => HandleThenFreeSlotAsync(item, cancellationToken), CancellationToken.None);
        }

        // Paced events come due at their slots with nobody to wake the loop for each.
        if (pacing.NextCheck(now) is { } next)
        {
            signal.WakeAt(next, time);
        }

        return claimed.Count == free;
    }

    private async Task HandleThenFreeSlotAsync(InboundEvent item, CancellationToken cancellationToken)
    {
        try
        {
            await HandleOneAsync(item, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the event's lease runs out and another worker (or the next start) handles it.
        }
        catch (Exception e)
        {
            // The store failed while recording the outcome: the event's lease runs out and it is handled again.
            LogOutcomeLost(e, item.EventId);
        }
        finally
        {
            TaskCompletionSource? idle = null;
            lock (_gate)
            {
                if (--_inFlight == 0)
                {
                    (idle, _idle) = (_idle, null);
                }
            }

            idle?.TrySetResult();
            signal.Wake();
        }
    }

    /// <summary>The handlers still running, each of which may have a post in flight.</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_inFlight == 0)
            {
                return Task.CompletedTask;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task.WaitAsync(cancellationToken);
        }
    }

    private async Task HandleOneAsync(InboundEvent item, CancellationToken cancellationToken)
    {
        // Attempts count this claim too: an event that crashed its handler every time still ends.
        if (item.Attempts > _retries.MaxAttempts)
        {
            LogGaveUp(item.EventId, item.Attempts - 1);
            Count("given_up");
            await store.MarkProcessedAsync(item.Platform, item.EventId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            return;
        }

        SendResult result;
        try
        {
            result = await DispatchAsync(item.Payload, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(e, item.EventId, item.Attempts);
            result = SendResult.RetryLater($"{e.GetType().Name}: {e.Message}");
        }

        var now = time.GetUtcNow();
        var decision = _retries.Decide(result, item.Attempts, Random.Shared.NextDouble(), now);
        switch (decision.Step)
        {
            case DeliveryStep.Retry or DeliveryStep.Wait:
                if (decision.Step == DeliveryStep.Retry)
                {
                    Count("failed");
                }

                await store.ReleaseAsync(item.Platform, item.EventId, decision.At!.Value, refundAttempt: decision.Step == DeliveryStep.Wait, cancellationToken).ConfigureAwait(false);
                if (result.CustomerSpacing is { } spacing)
                {
                    pacing.Held(item.TenantId, decision.At.Value, spacing);
                }

                signal.WakeAt(decision.At.Value, time);
                break;
            case DeliveryStep.GiveUp when result.Outcome != SendOutcome.Permanent:
                LogGaveUp(item.EventId, item.Attempts);
                Count("given_up");
                await store.MarkProcessedAsync(item.Platform, item.EventId, now, cancellationToken).ConfigureAwait(false);
                break;
            default:
                await store.MarkProcessedAsync(item.Platform, item.EventId, now, cancellationToken).ConfigureAwait(false);
                Count("handled");
                break;
        }
    }

    private static void Count(string outcome) => BotMetrics.InboundEvents.Add(1, BotMetrics.Tags(SlackPlatform.Name, outcome));

    private Task<SendResult> DispatchAsync(string payload, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(payload);
        var type = document.RootElement.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        return type switch
        {
            SlackPayloadTypes.EventCallback => events.HandleAsync(document.Deserialize<EventEnvelope>(SlackJson.Options)!, cancellationToken),
            SlackPayloadTypes.BlockActions => interactions.HandleAsync(document.Deserialize<InteractionPayload>(SlackJson.Options)!, cancellationToken),
            SlackPayloadTypes.ViewSubmission => home.RefreshAsync(document.Deserialize<InteractionPayload>(SlackJson.Options)!, cancellationToken),
            _ => Task.FromResult(SendResult.Sent()),
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outcome of Slack item {EventId} could not be recorded; it is handled again when its claim expires")]
    private partial void LogOutcomeLost(Exception exception, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling Slack item {EventId} failed (attempt {Attempt}); it stays queued")]
    private partial void LogFailed(Exception exception, string eventId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up Slack item {EventId} after {Attempts} attempts")]
    private partial void LogGaveUp(string eventId, int attempts);
}
