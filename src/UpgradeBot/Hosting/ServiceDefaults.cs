using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using UpgradeBot.Background;
using UpgradeBot.Core.Diagnostics;
using UpgradeBot.Core.Storage;

namespace UpgradeBot.Hosting;

/// <summary>
/// What every instance of the service runs whatever its platforms: its instance id, health checks,
/// metrics (OpenTelemetry: the bot's own meter, ASP.NET Core and HttpClient, as Prometheus text) and
/// the one background loop.
/// </summary>
public static partial class ServiceDefaults
{
    public const string HealthPath = "/healthz";
    public const string MetricsPath = "/metrics";

    /// <summary>A store that does not answer within this is as good as down: a load balancer must not wait on it.</summary>
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(3);

    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        var instance = ServiceInstance.From(builder.Configuration);
        builder.Services.AddSingleton(instance);
        builder.Services.AddHostedService<InstanceAnnouncement>();
        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", timeout: HealthTimeout);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("upgradebot", serviceInstanceId: instance.Id))
            .WithMetrics(metrics => metrics
                .AddMeter(BotMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddPrometheusExporter());
        builder.Services.AddSingleton<IBackgroundStep, InboundQueueGauges>();
        builder.Services.AddHostedService<BackgroundLoop>();
        return builder;
    }

    /// <summary>
    /// <c>GET /healthz</c>: 200 when the store answers, 503 otherwise, which is what a load balancer needs
    /// to route around a broken instance. A degraded part (the status page feed failing) still answers 200
    /// and shows as <c>degraded</c> in the body: the instance serves from the last good schedule. The body
    /// names the store and the instance. <c>GET /metrics</c>: Prometheus text.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var instance = app.ServiceProvider.GetRequiredService<ServiceInstance>();
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = (context, report) => WriteAsync(context, report, instance) });
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report, ServiceInstance instance)
    {
        context.Response.ContentType = "application/json";
        var checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString().ToLowerInvariant(), description = e.Value.Description });
        return JsonSerializer.SerializeAsync(
            context.Response.Body,
            new { status = report.Status switch { HealthStatus.Unhealthy => "unavailable", HealthStatus.Degraded => "degraded", _ => "ok" }, instance = instance.Id, checks },
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

    /// <summary>Says at start which instance this is and on which store, so a fleet's logs can be told apart.</summary>
    private sealed partial class InstanceAnnouncement(ServiceInstance instance, IOptions<StorageOptions> storage, ILogger<InstanceAnnouncement> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            LogStarting(instance.Id, storage.Value.Provider);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Information, Message = "UpgradeBot instance {InstanceId} starting on the {Provider} store")]
        private partial void LogStarting(string instanceId, string provider);
    }
}
