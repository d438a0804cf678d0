using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using UpgradeBot.Background;
using UpgradeBot.Core.Configuration;
using UpgradeBot.Core.Storage;

namespace UpgradeBot.Hosting;

/// <summary>What every instance of the service runs whatever its platforms: health checks and the one background loop.</summary>
public static class ServiceDefaults
{
    public const string HealthPath = "/healthz";

    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        builder.Services.AddHostedService<BackgroundLoop>();
        return builder;
    }

    /// <summary>
    /// <c>GET /healthz</c>: 200 when the store answers, 503 otherwise, which is what a load balancer needs
    /// to route around a broken instance. A degraded part (the status page feed failing) still answers 200
    /// and shows as <c>degraded</c> in the body: the instance serves from the last good schedule.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = WriteAsync });
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString().ToLowerInvariant(), description = e.Value.Description });
        return JsonSerializer.SerializeAsync(
            context.Response.Body,
            new { status = report.Status switch { HealthStatus.Unhealthy => "unavailable", HealthStatus.Degraded => "degraded", _ => "ok" }, checks },
            cancellationToken: context.RequestAborted);
    }

    private sealed class StoreHealthCheck(IStoreLifecycle store, IOptions<StorageOptions> storage) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var provider = storage.Value.Provider;
            try
            {
                return await store.PingAsync(cancellationToken).ConfigureAwait(false)
                    ? HealthCheckResult.Healthy($"{provider} store answers")
                    : HealthCheckResult.Unhealthy($"{provider} store does not answer");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"{provider} store does not answer");
            }
        }
    }
}
