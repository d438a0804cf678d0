using Microsoft.Extensions.Options;
using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Background;
using UpgradeBot.Core.Configuration;
using UpgradeBot.Core.Messaging;
using UpgradeBot.Core.Schedule;
using UpgradeBot.Core.Subscriptions;

namespace UpgradeBot.Announcements;

/// <summary>
/// On every tick: plans what is due (<see cref="AnnouncementPlanner"/>), stores it in the outbox, then
/// claims due rows and posts them through the platform's <see cref="IChannelMessenger"/>, a bounded
/// number at a time, each row on its own so one failing channel never holds up the others.
/// </summary>
public sealed partial class AnnouncementDispatcher(
    IUpgradeWindowStore windows,
    ISubscriptionStore subscriptions,
    IAnnouncementStore outbox,
    IEnumerable<IChannelMessenger> messengers,
    ConfiguredUpgrades configured,
    AnnouncementPlanner planner,
    AnnouncementComposer composer,
    IOptions<AnnouncementOptions> options,
    TimeProvider time,
    ILogger<AnnouncementDispatcher> logger) : BackgroundService
{
    private readonly AnnouncementOptions _options = options.Value;
    private readonly Dictionary<string, IChannelMessenger> _messengers = messengers.ToDictionary(m => m.Platform, StringComparer.OrdinalIgnoreCase);
    private readonly DeliveryPolicy _retries = DeliveryPolicy.From(options.Value.Delivery);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.Delivery.PollInterval, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A store hiccup must not end announcements for the life of the process.
                LogTickFailed(e);
            }
        }
        while (await WaitForTickAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Plans, then sends everything due now; returns how many rows were attempted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await configured.EnsureReconciledAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var known = await windows.ListAsync(cancellationToken).ConfigureAwait(false);
        var active = await subscriptions.ListActiveAsync(cancellationToken).ConfigureAwait(false);
        // The history of windows past the catch-up limit would only be read to be ignored, and it grows forever.
        var history = await outbox.ListForWindowsAsync([.. known.Where(w => planner.StillAnnounced(w, now)).Select(w => w.Id)], cancellationToken).ConfigureAwait(false);
        var planned = planner.Plan(known, active, history, now);
        if (await outbox.AddAsync(planned, now, cancellationToken).ConfigureAwait(false) is > 0 and var added)
        {
            LogPlanned(added);
        }

        var tick = new Tick(known.ToDictionary(w => w.Id, StringComparer.Ordinal), active.ToDictionary(s => s.Key));
        var batch = _options.MaxConcurrency * 4;
        var attempted = 0;
        while (true)
        {
            var claimed = await outbox.ClaimDueAsync(time.GetUtcNow(), _options.ClaimLease, batch, cancellationToken).ConfigureAwait(false);
            await Parallel.ForEachAsync(
                claimed,
                new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken },
                (row, token) => new ValueTask(DeliverAsync(row, tick, token))).ConfigureAwait(false);
            attempted += claimed.Count;
            if (claimed.Count < batch)
            {
                return attempted;
            }
        }
    }

    private async Task DeliverAsync(AnnouncementRecord row, Tick tick, CancellationToken cancellationToken)
    {
        var key = row.Key;
        var now = time.GetUtcNow();
        if (WhyNotAnyMore(row, tick, now) is { } reason)
        {
            await outbox.MarkFinalAsync(key, AnnouncementState.Dropped, reason, now, cancellationToken).ConfigureAwait(false);
            LogDropped(key.WindowId, key.Kind.ToWire(), key.Conversation.Platform, key.Conversation.ChannelId, reason);
            return;
        }

        var window = tick.Windows[key.WindowId];
        var subscription = tick.Subscriptions[key.Conversation];
        if (!_messengers.TryGetValue(key.Conversation.Platform, out var messenger))
        {
            await FailedAsync(row, new SendResult(SendStatus.Transient, Error: $"no sender is registered for platform '{key.Conversation.Platform}'"), tick, now, cancellationToken).ConfigureAwait(false);
            return;
        }

        // Only posts that reply in the started post's thread or update it need to find it.
        var started = key.Kind is AnnouncementKind.Started or AnnouncementKind.Scheduled or AnnouncementKind.Reminder
            ? null
            : (await outbox.ListForConversationAsync(key.WindowId, key.Conversation, cancellationToken).ConfigureAwait(false))
                .LastOrDefault(r => r.Key.Kind == AnnouncementKind.Started && r.State is AnnouncementState.Sent or AnnouncementState.Pending);
        var threaded = key.Kind is AnnouncementKind.PhaseStarted or AnnouncementKind.Completed;
        if (threaded && started is { State: AnnouncementState.Pending })
        {
            // Replies wait for the post they reply to, so they land in its thread rather than on their own.
            await outbox.PostponeAsync(key, now + _options.Delivery.PollInterval, cancellationToken).ConfigureAwait(false);
            return;
        }

        var announcement = composer.Compose(window, key.Kind, key.Phase, row.Late, now);
        var result = await SendAsync(() => messenger.PostAsync(subscription, announcement, threaded ? started?.MessageId : null, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (result.Status != SendStatus.Sent)
        {
            await FailedAsync(row, result, tick, now, cancellationToken).ConfigureAwait(false);
            return;
        }

        await outbox.MarkSentAsync(key, result.MessageId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        LogSent(key.WindowId, key.Kind.ToWire(), key.Revision, key.Conversation.Platform, key.Conversation.ChannelId, row.Attempts + 1);

        if (started is { MessageId: { } startedMessage })
        {
            // Best effort: the thread already carries the news; the edited post only keeps the summary current.
            var update = await SendAsync(() => messenger.UpdateAsync(subscription, startedMessage, composer.StartedPost(window, started.Late, now), cancellationToken), cancellationToken).ConfigureAwait(false);
            if (update.Status != SendStatus.Sent)
            {
                LogUpdateFailed(key.WindowId, key.Conversation.Platform, key.Conversation.ChannelId, update.Status, update.Error);
            }
        }
    }

    /// <summary>Why a claimed row must not be sent any more, or null when it still applies.</summary>
    private string? WhyNotAnyMore(AnnouncementRecord row, Tick tick, DateTimeOffset now)
    {
        var key = row.Key;
        if (!tick.Windows.TryGetValue(key.WindowId, out var window))
        {
            return "the upgrade was deleted";
        }

        if (!tick.Subscriptions.ContainsKey(key.Conversation) || tick.Deactivated.ContainsKey(key.Conversation))
        {
            return "the conversation is no longer subscribed";
        }

        if (key.Kind == AnnouncementKind.Cancelled)
        {
            return window.Cancelled ? null : "the upgrade is no longer cancelled";
        }

        if (window.Cancelled || key.Revision != window.Revision)
        {
            return $"superseded by revision {window.Revision}{(window.Cancelled ? " (cancelled)" : string.Empty)}";
        }

        return planner.StillAnnounced(window, now) ? null : "the upgrade ended longer ago than Announcements:CatchUpLimit";
    }

    private async Task FailedAsync(AnnouncementRecord row, SendResult result, Tick tick, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = row.Key;
        var attempt = row.Attempts + 1;
        var error = result.Error ?? result.Status.ToString();
        if (result.Status == SendStatus.Permanent)
        {
            tick.Deactivated[key.Conversation] = true;
            await outbox.MarkFinalAsync(key, AnnouncementState.Failed, error, now, cancellationToken).ConfigureAwait(false);
            await subscriptions.DeactivateAsync(key.Conversation, now, cancellationToken).ConfigureAwait(false);
            LogDeactivated(key.Conversation.Platform, key.Conversation.TenantId, key.Conversation.ChannelId, error);
            return;
        }

        if (attempt >= _retries.MaxAttempts)
        {
            await outbox.MarkFinalAsync(key, AnnouncementState.Failed, error, now, cancellationToken).ConfigureAwait(false);
            LogGaveUp(key.WindowId, key.Kind.ToWire(), key.Conversation.Platform, key.Conversation.ChannelId, attempt, error);
            return;
        }

        var retryAt = now + _retries.RetryDelay(attempt, Random.Shared.NextDouble(), result.RetryAfter);
        await outbox.MarkRetryAsync(key, error, retryAt, cancellationToken).ConfigureAwait(false);
        LogRetrying(key.WindowId, key.Kind.ToWire(), key.Conversation.Platform, key.Conversation.ChannelId, attempt, retryAt, error);
    }

    /// <summary>A sender that throws is treated like a passing failure: the row is retried, not lost.</summary>
    private static async Task<SendResult> SendAsync(Func<Task<SendResult>> send, CancellationToken cancellationToken)
    {
        try
        {
            return await send().ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendResult(SendStatus.Transient, Error: $"{e.GetType().Name}: {e.Message}");
        }
    }

    private static async Task<bool> WaitForTickAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>What one tick works from; conversations that refused for good during it are skipped for the rest of it.</summary>
    private sealed record Tick(IReadOnlyDictionary<string, UpgradeWindow> Windows, IReadOnlyDictionary<ConversationKey, Subscription> Subscriptions)
    {
        public System.Collections.Concurrent.ConcurrentDictionary<ConversationKey, bool> Deactivated { get; } = new();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Planned {Count} announcements")]
    private partial void LogPlanned(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Announced {UpgradeId} {Kind} (revision {Revision}) to {Platform} conversation {ChannelId} on attempt {Attempt}")]
    private partial void LogSent(string upgradeId, string kind, int revision, string platform, string channelId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped {UpgradeId} {Kind} for {Platform} conversation {ChannelId}: {Reason}")]
    private partial void LogDropped(string upgradeId, string kind, string platform, string channelId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Announcing {UpgradeId} {Kind} to {Platform} conversation {ChannelId} failed on attempt {Attempt}; retrying at {RetryAt}: {Error}")]
    private partial void LogRetrying(string upgradeId, string kind, string platform, string channelId, int attempt, DateTimeOffset retryAt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up announcing {UpgradeId} {Kind} to {Platform} conversation {ChannelId} after {Attempt} attempts: {Error}")]
    private partial void LogGaveUp(string upgradeId, string kind, string platform, string channelId, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Platform} conversation {ChannelId} of tenant {TenantId} refused for good ({Error}); its subscription is deactivated")]
    private partial void LogDeactivated(string platform, string tenantId, string channelId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not update the started post of {UpgradeId} in {Platform} conversation {ChannelId} ({Status}): {Error}")]
    private partial void LogUpdateFailed(string upgradeId, string platform, string channelId, SendStatus status, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Announcement tick failed; trying again on the next one")]
    private partial void LogTickFailed(Exception exception);
}
