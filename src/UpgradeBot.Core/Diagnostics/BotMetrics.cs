using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using UpgradeBot.Core.Inbound;

namespace UpgradeBot.Core.Diagnostics;

/// <summary>
/// The service's own metrics, all on one <see cref="Meter"/> named <see cref="MeterName"/> that the
/// host exports (Prometheus text at <c>GET /metrics</c>). Each instance of a fleet reports its own
/// counts; the exporter labels them with the instance id.
/// </summary>
public static class BotMetrics
{
    public const string MeterName = "UpgradeBot";

    public static readonly Meter Meter = new(MeterName);

    /// <summary>Inbound platform events, tagged <c>platform</c> and <c>outcome</c>: received (new, queued), handled, failed (an attempt that will be retried), given_up.</summary>
    public static readonly Counter<long> InboundEvents = Meter.CreateCounter<long>(
        "upgradebot.inbound.events", "{event}", "Inbound platform events by outcome: received, handled, failed, given_up.");

    /// <summary>Announcement sends, tagged <c>platform</c> and <c>outcome</c>: sent, retried, failed, dropped, held (our own rate limit, nothing sent).</summary>
    public static readonly Counter<long> Announcements = Meter.CreateCounter<long>(
        "upgradebot.announcements", "{announcement}", "Announcement sends by outcome: sent, retried, failed, dropped, held.");

    /// <summary>429 answers from a platform, tagged <c>platform</c>.</summary>
    public static readonly Counter<long> RateLimited = Meter.CreateCounter<long>(
        "upgradebot.platform.rate_limited", "{response}", "429 answers from a platform; each pauses and slows the sender.");

    /// <summary>How long one platform call took (the HTTP call, not the wait for a rate-limit slot), tagged <c>platform</c> and <c>outcome</c>.</summary>
    public static readonly Histogram<double> PlatformCallDuration = Meter.CreateHistogram<double>(
        "upgradebot.platform.call.duration", "s", "Duration of one call to a platform (post, update, webhook).");

    /// <summary>Escalations, tagged <c>outcome</c>: created, and per <c>destination</c> delivered, retried, failed.</summary>
    public static readonly Counter<long> Escalations = Meter.CreateCounter<long>(
        "upgradebot.escalations", "{escalation}", "Escalations created, and deliveries to Customer Champions by outcome.");

    /// <summary>Reads of the upgrade windows into the in-memory cache (an edit here, another instance's, or the copy's age).</summary>
    public static readonly Counter<long> WindowCacheRefreshes = Meter.CreateCounter<long>(
        "upgradebot.window_cache.refreshes", "{refresh}", "Reads of the upgrade windows into the in-memory cache.");

    private static readonly ConcurrentDictionary<string, (InboundQueueStats Stats, DateTimeOffset At)> Queues = new(StringComparer.Ordinal);

    static BotMetrics()
    {
        Meter.CreateObservableGauge(
            "upgradebot.inbound.queue.depth",
            () => Queues.Select(q => new Measurement<long>(q.Value.Stats.Pending, new KeyValuePair<string, object?>("platform", q.Key))),
            "{event}",
            "Inbound events stored and not yet handled (the shared queue, the same for every instance).");
        Meter.CreateObservableGauge(
            "upgradebot.inbound.queue.oldest_age",
            () => Queues.Select(q => new Measurement<double>(
                q.Value.Stats.OldestReceivedAt is { } oldest ? Math.Max(0, (q.Value.At - oldest).TotalSeconds) : 0,
                new KeyValuePair<string, object?>("platform", q.Key))),
            "s",
            "Age of the oldest inbound event not yet handled, 0 when the queue is empty.");
    }

    /// <summary>The queue's latest <paramref name="stats"/>, read at <paramref name="at"/>; the gauges report them until the next call.</summary>
    public static void ReportQueue(string platform, InboundQueueStats stats, DateTimeOffset at) => Queues[platform] = (stats, at);

    public static TagList Tags(string platform, string outcome) => new() { { "platform", platform }, { "outcome", outcome } };
}
