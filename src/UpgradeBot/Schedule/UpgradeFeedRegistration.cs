using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace UpgradeBot.Schedule;

public static class UpgradeFeedRegistration
{
    public const string HealthCheckName = "upgrade-feed";

    /// <summary>
    /// The status page feed poller as one more step of the background loop, its HTTP client, and (with
    /// <c>UpgradeFeed:Url</c> set) its health check. Without a URL the step never polls. The settings are
    /// validated either way (<c>AddUpgradeBotCore</c>); they are read when the host is built, so settings
    /// layered on late (a test host's) count too.
    /// </summary>
    public static IHostApplicationBuilder AddUpgradeFeed(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHttpClient<UpgradeFeedClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            // The client lives as long as the step; recycled connections still follow DNS changes of the status page.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = System.Net.DecompressionMethods.All,
            });
        services.AddSingleton<UpgradeFeedHealth>();
        services.AddSingleton<UpgradeFeedMetrics>();
        services.AddSingleton<UpgradeFeedStep>();
        services.AddSingleton<IBackgroundStep>(sp => sp.GetRequiredService<UpgradeFeedStep>());
        services.AddHealthChecks();
        services.AddOptions<HealthCheckServiceOptions>().Configure<IOptions<UpgradeFeedOptions>>((health, feed) =>
        {
            if (!string.IsNullOrWhiteSpace(feed.Value.Url))
            {
                health.Registrations.Add(new HealthCheckRegistration(
                    HealthCheckName, sp => sp.GetRequiredService<UpgradeFeedHealth>(), failureStatus: null, tags: null));
            }
        });
        return builder;
    }
}
