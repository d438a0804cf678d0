using UpgradeBot.Core.Diagnostics;
using UpgradeBot.Core.Inbound;

namespace UpgradeBot.Hosting;

/// <summary>
/// Reads the inbound queue's depth and oldest event for the metrics every few seconds, a step of the
/// background loop: a scrape must not wait on the database.
/// </summary>
internal sealed class InboundQueueGauges(IInboundEventStore store, TimeProvider time) : IBackgroundStep
{
    /// <summary>The platforms that queue their events; Teams answers within the request.</summary>
    private static readonly string[] Platforms = [Slack.SlackPlatform.Name];

    public string Name => "inbound queue metrics";

    public TimeSpan PollInterval { get; } = TimeSpan.FromSeconds(5);

    public WorkSignal? Signal => null;

    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var platform in Platforms)
        {
            BotMetrics.ReportQueue(platform, await store.StatsAsync(platform, cancellationToken).ConfigureAwait(false), time.GetUtcNow());
        }

        return false;
    }
}
