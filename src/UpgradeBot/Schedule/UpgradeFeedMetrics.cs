using System.Diagnostics.Metrics;

namespace UpgradeBot.Schedule;

/// <summary>
/// The feed's instruments on the service's meter (<see cref="MeterName"/>), which an OpenTelemetry
/// exporter picks up by name.
/// </summary>
public sealed class UpgradeFeedMetrics
{
    public const string MeterName = "UpgradeBot";

    public const string FailuresName = "upgradebot.upgrade_feed.failures";

    private readonly Counter<long> _failures;

    public UpgradeFeedMetrics(IMeterFactory meters) =>
        _failures = meters.Create(MeterName).CreateCounter<long>(
            FailuresName,
            unit: "{failure}",
            description: "Polls of the status page feed that failed; tagged with the reason (unreachable, timeout, http_status, too_large, malformed).");

    public void Failed(string reason) => _failures.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
