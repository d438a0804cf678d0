using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UpgradeBot.Core.Background;
using UpgradeBot.Core.Inbound;
using UpgradeBot.Slack.Api;

namespace UpgradeBot.Slack.Inbound;

/// <summary>Wakes the Slack inbound worker when an endpoint has queued an event or a click.</summary>
public sealed class SlackInboundSignal : WorkSignal;

/// <summary>
/// Works through the Slack events and button clicks the endpoints acknowledged and stored. The
/// store keeps them until handled, so a crash after the ack loses nothing; an item that keeps
/// failing is given up after <c>Slack:InboundMaxAttempts</c> so it cannot block the rest.
/// </summary>
internal sealed partial class SlackInboundWorker(
    IInboundEventStore store,
    SlackInboundSignal signal,
    SlackEventHandler events,
    SlackInteractionHandler interactions,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackInboundWorker> logger) : BackgroundService
{
    private const int BatchSize = 50;

    /// <summary>Items of one batch run side by side: one slow channel (rate limit) must not hold up the others.</summary>
    private const int Parallelism = 8;

    /// <summary>Longer than handling one item takes; an item whose process died is handled again after it.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunOnceAsync(stoppingToken).ConfigureAwait(false))
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A store hiccup must not end Slack handling for the life of the process.
                LogLoopFailed(e);
            }

            await signal.WaitAsync(options.Value.InboundPollInterval, time, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Handles one batch; true when every item was handled and more may be waiting.</summary>
    internal async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        var pending = await store.ClaimDueAsync(SlackChannel.Platform, time.GetUtcNow(), Lease, BatchSize, cancellationToken).ConfigureAwait(false);
        var failures = 0;
        await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (item, ct) =>
        {
            if (!await HandleOneAsync(item, ct).ConfigureAwait(false))
            {
                Interlocked.Increment(ref failures);
            }
        }).ConfigureAwait(false);
        return pending.Count == BatchSize && failures == 0;
    }

    private async Task<bool> HandleOneAsync(InboundEvent item, CancellationToken cancellationToken)
    {
        // The claim counted this attempt.
        if (item.Attempts > options.Value.InboundMaxAttempts)
        {
            LogGaveUp(item.EventId, item.Attempts - 1);
            await store.MarkProcessedAsync(item.Platform, item.EventId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            return true;
        }

        try
        {
            await DispatchAsync(item.Payload, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(e, item.EventId, item.Attempts);
            await store.ReleaseAsync(item.Platform, item.EventId, time.GetUtcNow(), refundAttempt: false, cancellationToken).ConfigureAwait(false);
            return false;
        }

        await store.MarkProcessedAsync(item.Platform, item.EventId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private Task DispatchAsync(string payload, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(payload);
        var type = document.RootElement.TryGetProperty("type", out var t) ? t.GetString() : null;
        return type switch
        {
            SlackPayloadTypes.EventCallback => events.HandleAsync(document.Deserialize<EventEnvelope>(SlackJson.Options)!, cancellationToken),
            SlackPayloadTypes.BlockActions => interactions.HandleAsync(document.Deserialize<InteractionPayload>(SlackJson.Options)!, cancellationToken),
            _ => Task.CompletedTask,
        };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack inbound loop failed; trying again after the poll interval")]
    private partial void LogLoopFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling Slack item {EventId} failed (attempt {Attempt}); it stays queued")]
    private partial void LogFailed(Exception exception, string eventId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up Slack item {EventId} after {Attempts} attempts")]
    private partial void LogGaveUp(string eventId, int attempts);
}

/// <summary>Top-level <c>type</c> values of the payloads Slack sends.</summary>
public static class SlackPayloadTypes
{
    public const string UrlVerification = "url_verification";
    public const string EventCallback = "event_callback";
    public const string BlockActions = "block_actions";
}
