using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace UpgradeBot.Schedule;

/// <summary>
/// The feed's part of <c>/healthz</c>: degraded while the last poll failed (the service still answers
/// from the last good schedule, so liveness stays 200), healthy once a poll succeeds again.
/// </summary>
public sealed class UpgradeFeedHealth : IHealthCheck
{
    private volatile string? _problem;
    private volatile bool _answered;

    public void Answered()
    {
        _answered = true;
        _problem = null;
    }

    public void Failed(string problem) => _problem = problem;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_problem is { } problem
            ? HealthCheckResult.Degraded($"The status page feed {problem}; the last good schedule stands")
            : HealthCheckResult.Healthy(_answered ? "The status page feed answered its last poll" : "The status page feed has not been polled yet"));
}
