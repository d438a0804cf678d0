using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Messaging;
using UpgradeBot.Slack.Api;
using UpgradeBot.Slack.Inbound;
using UpgradeBot.Slack.Outbound;
using UpgradeBot.Slack.Verification;

namespace UpgradeBot.Slack;

public static class SlackChannelRegistration
{
    /// <summary>
    /// Slack's options, Web API client with its rate limiter, inbound worker, announcement messenger
    /// and Customer Champions destination. Needs Core's services and the stores registered.
    /// </summary>
    public static IHostApplicationBuilder AddSlackChannel(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.Section)
            .Validate(o => o.ApiBaseUrl is { IsAbsoluteUri: true, Scheme: "https" or "http" }, "Slack:ApiBaseUrl must be an absolute http(s) URL such as https://slack.com/api/.")
            .Validate(o => o.WorkspaceMessagesPerSecond > 0, "Slack:WorkspaceMessagesPerSecond must be positive.")
            .Validate(o => o.InboundPollInterval > TimeSpan.Zero, "Slack:InboundPollInterval must be positive.")
            .Validate(o => o.InboundMaxAttempts >= 1, "Slack:InboundMaxAttempts must be at least 1.")
            .ValidateOnStart();

        services.AddSingleton(sp => new SlackRateLimiter(
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<SlackOptions>>().Value.WorkspaceMessagesPerSecond));
        // One long-lived client for a singleton: pooled connections are recycled so DNS changes are seen.
        services.AddSingleton(sp => new SlackApiClient(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { Timeout = TimeSpan.FromSeconds(15) },
            sp.GetRequiredService<IOptionsMonitor<SlackOptions>>(),
            sp.GetRequiredService<SlackRateLimiter>(),
            sp.GetRequiredService<ILogger<SlackApiClient>>()));
        services.AddSingleton<SlackIdentity>();
        services.AddHostedService<SlackStartupCheck>();

        services.AddSingleton<SlackRequestFilter>();
        services.AddSingleton<SlackDialog>();
        services.AddSingleton<SlackEventHandler>();
        services.AddSingleton<SlackInteractionHandler>();
        services.AddSingleton<SlackInboundSignal>();
        services.AddHostedService<SlackInboundWorker>();

        services.AddSingleton<SlackMessenger>();
        services.AddSingleton<IChannelMessenger>(sp => sp.GetRequiredService<SlackMessenger>());
        services.AddSingleton<SlackChampionNotifier>();
        services.AddSingleton<IChampionNotifier>(sp => sp.GetRequiredService<SlackChampionNotifier>());
        return builder;
    }

    /// <summary><c>POST /api/slack/events</c>, <c>/interactions</c> and <c>/commands</c>, each behind Slack's signature check.</summary>
    public static IEndpointRouteBuilder MapSlackEndpoints(this IEndpointRouteBuilder app)
    {
        var slack = app.MapGroup(string.Empty).AddEndpointFilter<SlackRequestFilter>();
        slack.MapPost(SlackEndpoints.EventsPath, SlackEndpoints.Events);
        slack.MapPost(SlackEndpoints.InteractionsPath, SlackEndpoints.Interactions);
        slack.MapPost(SlackEndpoints.CommandsPath, SlackEndpoints.Commands);
        return app;
    }
}
