using System.Collections.Concurrent;
using UpgradeBot.Core.Background;
using UpgradeBot.Core.Diagnostics;

namespace UpgradeBot.Core.Announcements;

/// <summary>
/// On every run: plans what is due (<see cref="AnnouncementPlanner"/>) and stores it, then claims due
/// rows and posts them through the platform's <see cref="IMessenger"/>, a bounded number at a time,
/// each row on its own so one failing or rate-limited conversation never holds up the others.
/// Retries follow <see cref="DeliveryPolicy"/>; threading follows <see cref="AnnouncementThreading"/>.
/// </summary>
public sealed partial class AnnouncementOutbox : IBackgroundStep
{
    private readonly IUpgradeSchedule _schedule;
    private readonly ISubscriptionStore _subscriptions;
    private readonly IAnnouncementStore _store;
    private readonly Dictionary<string, IMessenger> _messengers;
    private readonly AnnouncementPlanner _planner;
    private readonly AnnouncementComposer _composer;
    private readonly AnnouncementOptions _options;
    private readonly DeliveryPolicy _policy;
    private readonly TimeProvider _time;
    private readonly ILogger<AnnouncementOutbox> _logger;
    private IReadOnlyDictionary<ConversationKey, Subscription>? _subscribed;
    private DateTimeOffset _plannedAt;
    private volatile bool _replan;

    /// <summary>When the rows this instance put off come due, earliest first.</summary>
    private readonly PriorityQueue<DateTimeOffset, DateTimeOffset> _due = new();

    public AnnouncementOutbox(
        IUpgradeSchedule schedule,
        ISubscriptionStore subscriptions,
        IAnnouncementStore store,
        IEnumerable<IMessenger> messengers,
        TimingRule timing,
        AnnouncementOptions options,
        TimeProvider time,
        ILogger<AnnouncementOutbox> logger,
        CalendarFeedLink? calendar = null)
    {
        (_schedule, _subscriptions, _store, _options, _time, _logger) = (schedule, subscriptions, store, options, time, logger);
        _messengers = messengers.ToDictionary(m => m.Platform, StringComparer.OrdinalIgnoreCase);
        _planner = new AnnouncementPlanner(options.ReminderLead, options.CatchUpLimit);
        _composer = new AnnouncementComposer(timing, options.ReminderLead, calendar?.Url);
        _policy = DeliveryPolicy.From(options.Delivery);
    }

    public string Name => "announcements";

    public TimeSpan PollInterval => _options.Delivery.PollInterval;

    /// <summary>Pulsed when the schedule or the subscriptions change, so news goes out at once.</summary>
    public WorkSignal Signal { get; } = new();

    WorkSignal? IBackgroundStep.Signal => Signal;

    /// <summary>The schedule changed: plan again on the next run rather than when the poll interval has passed.</summary>
    public void Replan()
    {
        _replan = true;
        Signal.Wake();
    }

    /// <summary>
    /// Sends everything due now, until nothing due is left and every post in hand is done. Up to
    /// <see cref="AnnouncementOptions.MaxConcurrency"/> posts are in hand at once, and places are
    /// filled again as they free (a quarter of them at a time, so claims stay few), never waiting for
    /// a whole batch: a post waiting for its workspace's slot must not hold up the claim of posts to
    /// other workspaces. Posts this instance put off (held back by the rate limit, or retried after a
    /// 429) are claimed again the moment they come due while the run goes on, and wake the step then
    /// once it has ended.
    /// </summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        var deactivated = new ConcurrentDictionary<ConversationKey, bool>();
        var refill = Math.Max(1, _options.MaxConcurrency / 4);
        var inHand = new List<Task>(_options.MaxConcurrency);
        var more = true;
        while (true)
        {
            var free = _options.MaxConcurrency - inHand.Count;
            if ((inHand.Count == 0 || free >= refill) && (more | TakeDue(_time.GetUtcNow())))
            {
                var run = await PrepareAsync(deactivated, cancellationToken).ConfigureAwait(false);
                var claimed = await _store.ClaimDueAsync(_time.GetUtcNow(), _options.ClaimLease, free, cancellationToken).ConfigureAwait(false);
                more = claimed.Count == free;
                inHand.AddRange(claimed.Select(row => Task.Run(() => DeliverSafelyAsync(row, run, cancellationToken), CancellationToken.None)));
            }

            if (inHand.Count == 0)
            {
                if (NextDue() is { } next)
                {
                    Signal.WakeAt(next, _time);
                }

                return false;
            }

            await WhenOneIsDoneAsync(inHand, inHand.Count <= _options.MaxConcurrency - refill ? NextDue() : null, cancellationToken).ConfigureAwait(false);
            inHand.RemoveAll(t => t.IsCompleted);
        }
    }

    /// <summary>
    /// The windows as they are now, and the plan: at most once per poll interval, or at once after
    /// <see cref="Replan"/>. Planning reads every subscription and what each was told: during a
    /// fan-out, claims come many times a second, and reading thousands of rows for each would cost
    /// more than the posts.
    /// </summary>
    private async Task<Run> PrepareAsync(ConcurrentDictionary<ConversationKey, bool> deactivated, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var windows = await _schedule.GetWindowsAsync(cancellationToken).ConfigureAwait(false);
        if (_replan || _subscribed is null || now - _plannedAt >= PollInterval || now < _plannedAt)
        {
            _replan = false;
            var active = await _subscriptions.ListActiveAsync(cancellationToken).ConfigureAwait(false);
            // The history of windows past the catch-up limit would only be read to be ignored, and it grows forever.
            var history = await _store.ListForWindowsAsync([.. windows.Where(w => _planner.StillAnnounced(w, now)).Select(w => w.Id)], cancellationToken).ConfigureAwait(false);
            var planned = new List<PlannedAnnouncement>();
            foreach (var window in windows)
            {
                // One window the planner cannot handle is reported and skipped; it must not silence the others.
                try
                {
                    planned.AddRange(_planner.Plan([window], active, history, now));
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or OverflowException)
                {
                    LogWindowSkipped(e, window.Id);
                }
            }

            if (await _store.AddAsync(planned, now, cancellationToken).ConfigureAwait(false) is > 0 and var added)
            {
                LogPlanned(added);
            }

            (_subscribed, _plannedAt) = (active.ToDictionary(s => s.Key), now);
        }

        return new Run(windows.ToDictionary(w => w.Id, StringComparer.Ordinal), _subscribed, deactivated);
    }

    /// <summary>Returns when a post in hand is done, or at <paramref name="wakeAt"/> (a put-off post comes due), whichever is first.</summary>
    private async Task WhenOneIsDoneAsync(List<Task> inHand, DateTimeOffset? wakeAt, CancellationToken cancellationToken)
    {
        if (wakeAt is not { } at)
        {
            await Task.WhenAny(inHand).ConfigureAwait(false);
            return;
        }

        var delay = at - _time.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(Task.WhenAny(inHand), Task.Delay(delay, _time, stop.Token)).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
    }

    /// <summary>A row this instance put off comes due at <paramref name="at"/>.</summary>
    private void DueAt(DateTimeOffset at)
    {
        lock (_due)
        {
            _due.Enqueue(at, at);
        }
    }

    /// <summary>True when a row this instance put off is due at <paramref name="now"/>; forgets those, as the claim that follows takes them.</summary>
    private bool TakeDue(DateTimeOffset now)
    {
        lock (_due)
        {
            var any = false;
            while (_due.TryPeek(out _, out var at) && at <= now)
            {
                _due.Dequeue();
                any = true;
            }

            return any;
        }
    }

    private DateTimeOffset? NextDue()
    {
        lock (_due)
        {
            return _due.TryPeek(out _, out var at) ? at : null;
        }
    }

    /// <summary>A row that fails here stays claimed until its lease ends and is tried again then; the others of the batch go on.</summary>
    private async Task DeliverSafelyAsync(AnnouncementRecord row, Run run, CancellationToken cancellationToken)
    {
        try
        {
            await DeliverAsync(row, run, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogRowFailed(e, row.Key.WindowId, row.Key.Kind.ToWire(), row.Key.Conversation.Platform, row.Key.Conversation.ChannelId);
        }
    }

    private async Task DeliverAsync(AnnouncementRecord row, Run run, CancellationToken cancellationToken)
    {
        var key = row.Key;
        var now = _time.GetUtcNow();
        // Another instance may have planned this row for a conversation that subscribed after this one last read the list.
        var subscription = run.Subscriptions.GetValueOrDefault(key.Conversation)
            ?? await _subscriptions.GetAsync(key.Conversation, cancellationToken).ConfigureAwait(false);
        if (WhyNotAnyMore(row, subscription, run, now) is { } reason)
        {
            await _store.MarkFinalAsync(key, AnnouncementState.Dropped, reason, now, cancellationToken).ConfigureAwait(false);
            Count(key, "dropped");
            LogDropped(key.WindowId, key.Kind.ToWire(), key.Conversation.Platform, key.Conversation.ChannelId, reason);
            return;
        }

        var window = run.Windows[key.WindowId];
        var to = subscription!.Address;
        var started = AnnouncementThreading.UpdatesStartedPost(key.Kind)
            ? (await _store.ListForConversationAsync(key.WindowId, key.Conversation, cancellationToken).ConfigureAwait(false))
                .LastOrDefault(r => r.Key.Kind == AnnouncementKind.Started && r.State is AnnouncementState.Sent or AnnouncementState.Pending)
            : null;
        var threaded = AnnouncementThreading.RepliesInThread(key.Kind);
        if (threaded && started is { State: AnnouncementState.Pending })
        {
            // Replies wait for the post they reply to, so they land in its thread rather than on their own.
            await _store.PostponeAsync(key, now + PollInterval, cancellationToken).ConfigureAwait(false);
            DueAt(now + PollInterval);
            return;
        }

        var result = _messengers.TryGetValue(key.Conversation.Platform, out var messenger)
            ? await messenger.TrySendAsync(
                new OutboundMessage(to, _composer.Compose(window, key.Kind, key.Phase, row.Late, now), threaded ? started?.MessageId : null),
                cancellationToken).ConfigureAwait(false)
            : SendResult.RetryLater($"no messenger is registered for platform '{key.Conversation.Platform}'");

        var attempt = row.Attempts + 1;
        var decision = _policy.Decide(result, attempt, Random.Shared.NextDouble(), _time.GetUtcNow());
        Count(key, decision.Step switch
        {
            DeliveryStep.Done => "sent",
            DeliveryStep.Wait => "held",
            DeliveryStep.Retry => "retried",
            _ => "failed",
        });
        switch (decision.Step)
        {
            case DeliveryStep.Done:
                await _store.MarkSentAsync(key, result.MessageId, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                LogSent(key.WindowId, key.Kind.ToWire(), key.Revision, key.Conversation.Platform, key.Conversation.ChannelId, attempt);
                if (started is { MessageId: { } startedPost })
                {
                    await UpdateStartedPostAsync(messenger!, to, startedPost, window, started.Late, cancellationToken).ConfigureAwait(false);
                }

                break;
            case DeliveryStep.Wait:
                await _store.PostponeAsync(key, decision.At!.Value, cancellationToken).ConfigureAwait(false);
                DueAt(decision.At.Value);
                break;
            case DeliveryStep.Retry:
                await _store.MarkRetryAsync(key, result.Error ?? "failed", decision.At!.Value, cancellationToken).ConfigureAwait(false);
                DueAt(decision.At.Value);
                LogRetrying(key.WindowId, key.Kind.ToWire(), key.Conversation.Platform, key.Conversation.ChannelId, attempt, decision.At.Value, result.Error);
                break;
            default:
                await GiveUpAsync(row, result, run, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Best effort: the thread already carries the news; the redrawn head only keeps the summary current.</summary>
    private async Task UpdateStartedPostAsync(IMessenger messenger, ConversationAddress to, string startedPost, UpgradeWindow window, bool late, CancellationToken cancellationToken)
    {
        var post = _composer.StartedPost(window, late, _time.GetUtcNow());
        var update = await messenger.TrySendAsync(new OutboundMessage(to, post, Replaces: startedPost), cancellationToken).ConfigureAwait(false);
        if (!update.IsSent)
        {
            LogUpdateFailed(window.Id, to.Key.Platform, to.Key.ChannelId, update.Outcome, update.Error);
        }
    }

    private async Task GiveUpAsync(AnnouncementRecord row, SendResult result, Run run, CancellationToken cancellationToken)
    {
        var key = row.Key;
        var now = _time.GetUtcNow();
        var error = result.Error ?? result.Outcome.ToString();
        await _store.MarkFinalAsync(key, AnnouncementState.Failed, error, now, cancellationToken).ConfigureAwait(false);
        if (result.ConversationGone)
        {
            run.Deactivated[key.Conversation] = true;
            await _subscriptions.DeactivateAsync(key.Conversation, now, cancellationToken).ConfigureAwait(false);
            LogDeactivated(key.Conversation.Platform, key.Conversation.TenantId, key.Conversation.ChannelId, error);
        }
        else
        {
            LogGaveUp(key.WindowId, key.Kind.ToWire(), key.Conversation.Platform, key.Conversation.ChannelId, row.Attempts + 1, error);
        }
    }

    private static void Count(AnnouncementKey key, string outcome) =>
        BotMetrics.Announcements.Add(1, BotMetrics.Tags(key.Conversation.Platform, outcome));

    /// <summary>Why a claimed row must not be sent any more, or null when it still applies.</summary>
    private string? WhyNotAnyMore(AnnouncementRecord row, Subscription? subscription, Run run, DateTimeOffset now)
    {
        var key = row.Key;
        if (!run.Windows.TryGetValue(key.WindowId, out var window))
        {
            return "the upgrade was deleted";
        }

        if (subscription is not { Active: true } || run.Deactivated.ContainsKey(key.Conversation))
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

        return _planner.StillAnnounced(window, now) ? null : "the upgrade ended longer ago than Announcements:CatchUpLimit";
    }

    /// <summary>What the posts of one claim work from; conversations that refused for good during the run are skipped for the rest of it.</summary>
    private sealed record Run(
        IReadOnlyDictionary<string, UpgradeWindow> Windows,
        IReadOnlyDictionary<ConversationKey, Subscription> Subscriptions,
        ConcurrentDictionary<ConversationKey, bool> Deactivated);

    [LoggerMessage(Level = LogLevel.Error, Message = "Upgrade {UpgradeId} could not be planned and is skipped; the other upgrades are announced as usual")]
    private partial void LogWindowSkipped(Exception exception, string upgradeId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Announcing {UpgradeId} {Kind} to {Platform} conversation {ChannelId} failed unexpectedly; it is tried again when its claim expires")]
    private partial void LogRowFailed(Exception exception, string upgradeId, string kind, string platform, string channelId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Planned {Count} announcements")]
    private partial void LogPlanned(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Announced {UpgradeId} {Kind} (revision {Revision}) to {Platform} conversation {ChannelId} on attempt {Attempt}")]
    private partial void LogSent(string upgradeId, string kind, int revision, string platform, string channelId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped {UpgradeId} {Kind} for {Platform} conversation {ChannelId}: {Reason}")]
    private partial void LogDropped(string upgradeId, string kind, string platform, string channelId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Announcing {UpgradeId} {Kind} to {Platform} conversation {ChannelId} failed on attempt {Attempt}; retrying at {RetryAt}: {Error}")]
    private partial void LogRetrying(string upgradeId, string kind, string platform, string channelId, int attempt, DateTimeOffset retryAt, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up announcing {UpgradeId} {Kind} to {Platform} conversation {ChannelId} after {Attempt} attempts: {Error}")]
    private partial void LogGaveUp(string upgradeId, string kind, string platform, string channelId, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Platform} conversation {ChannelId} of tenant {TenantId} refused for good ({Error}); its subscription is deactivated")]
    private partial void LogDeactivated(string platform, string tenantId, string channelId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not update the started post of {UpgradeId} in {Platform} conversation {ChannelId} ({Outcome}): {Error}")]
    private partial void LogUpdateFailed(string upgradeId, string platform, string channelId, SendOutcome outcome, string? error);
}
