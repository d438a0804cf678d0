using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using UpgradeBot.Core.Background;
using UpgradeBot.Core.Conversations;
using UpgradeBot.Core.Subscriptions;
using UpgradeBot.Slack.Inbound;
using UpgradeBot.Slack.Outbound;
using UpgradeBot.Slack.Verification;

namespace UpgradeBot.Slack;

/// <summary>Slack as a platform of the bot: its services, its endpoints, and the names its parts share.</summary>
public static class SlackPlatform
{
    /// <summary><c>ConversationKey.Platform</c>, the inbound queue's platform and the escalation destination name of Slack.</summary>
    public const string Name = "slack";

    /// <summary>How Slack users say a command: the slash command (a mention works too).</summary>
    public static readonly CommandSyntax Syntax = new("use /upgrade {0}");

    public static ConversationKey Key(string teamId, string channelId) => new(Name, teamId, channelId);

    public static ConversationAddress Address(string teamId, string channelId, string? enterpriseId = null) =>
        new(Key(teamId, channelId), new SlackConversation(teamId, channelId, enterpriseId).Serialize());

    /// <summary>
    /// Slack's options, Web API client, installations ("Add to Slack" and <c>Slack:BotToken</c>),
    /// inbound queue (a step of the background loop) and messenger (answers, announcements, Customer
    /// Champions). Needs Core's services and the stores (with the Slack installation stores) registered.
    /// </summary>
    public static IHostApplicationBuilder AddSlackPlatform(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.Section)
            .Validate(o => o.ApiBaseUrl is { IsAbsoluteUri: true, Scheme: "https" or "http" }, "Slack:ApiBaseUrl must be an absolute http(s) URL such as https://slack.com/api/.")
            .Validate(o => o.WorkspaceMessagesPerSecond > 0, "Slack:WorkspaceMessagesPerSecond must be positive.")
            .Validate(o => o.InboundPollInterval > TimeSpan.Zero, "Slack:InboundPollInterval must be positive.")
            .Validate(o => o.InboundMaxAttempts >= 1, "Slack:InboundMaxAttempts must be at least 1.")
            .Validate(o => o.InboundClaimLease > TimeSpan.Zero, "Slack:InboundClaimLease must be positive.")
            .Validate(o => o.MaxSendWait >= TimeSpan.Zero, "Slack:MaxSendWait must not be negative.")
            .Validate(
                o => o.Distributed || (o.ClientId.Length == 0 && o.ClientSecret.Length == 0 && o.RedirectUri is null),
                "Slack:ClientId, Slack:ClientSecret and Slack:RedirectUri go together: set all three for Add to Slack, or none.")
            .Validate(
                o => o.RedirectUri is null || (o.RedirectUri.IsAbsoluteUri && (o.RedirectUri.Scheme == "https" || (o.RedirectUri.Scheme == "http" && o.RedirectUri.IsLoopback))),
                "Slack:RedirectUri must be the public https:// address of /api/slack/oauth_redirect (plain http only on loopback).")
            .Validate(o => o.AuthorizeUrl is { IsAbsoluteUri: true, Scheme: "https" or "http" }, "Slack:AuthorizeUrl must be an absolute http(s) URL such as https://slack.com/oauth/v2/authorize.")
            .ValidateOnStart();
        services.AddOptions<SlackChampionsOptions>().BindConfiguration(SlackChampionsOptions.Section)
            .Validate<IOptions<SlackOptions>>(
                (champions, slack) => string.IsNullOrWhiteSpace(champions.ChannelId) || !string.IsNullOrWhiteSpace(champions.TeamId) || !string.IsNullOrWhiteSpace(slack.Value.BotToken),
                "Escalation:Slack:ChannelId needs Escalation:Slack:TeamId (the workspace of that channel) when Slack:BotToken is empty.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRateLimiter>(sp => new ProcessRateLimiter(sp.GetRequiredService<TimeProvider>()));
        services.AddHttpClient<SlackApiClient>(http => http.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<SlackConfiguredInstallation>();
        services.AddSingleton<SlackInstallations>();
        services.AddSingleton<SlackInstaller>();
        services.AddHostedService<SlackStartupCheck>();

        services.AddSingleton<SlackRequestFilter>();
        services.AddSingleton<SlackEventHandler>();
        services.AddSingleton<SlackInteractionHandler>();
        services.AddSingleton<SlackCustomers>();
        services.AddSingleton<SlackHome>();
        services.AddSingleton<SlackSettingsHandler>();
        services.AddSingleton<SlackResolveForm>();
        services.AddSingleton<SlackInboundSignal>();
        services.AddSingleton<SlackInboundPacing>();
        services.AddSingleton<IBackgroundStep, SlackInboundQueue>();

        services.AddSingleton<SlackMessenger>();
        services.AddSingleton<IMessenger>(sp => sp.GetRequiredService<SlackMessenger>());
        return builder;
    }

    /// <summary>
    /// <c>POST /api/slack/events</c>, <c>/interactions</c> and <c>/commands</c>, each behind Slack's
    /// signature check; and the browser's <c>GET /api/slack/install</c> and <c>/oauth_redirect</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapSlackEndpoints(this IEndpointRouteBuilder app)
    {
        var slack = app.MapGroup("/api/slack");
        var signed = slack.MapGroup(string.Empty).AddEndpointFilter<SlackRequestFilter>();
        signed.MapPost("/events", SlackEndpoints.Events);
        signed.MapPost("/interactions", SlackEndpoints.Interactions);
        signed.MapPost("/commands", SlackEndpoints.Commands);
        slack.MapGet("/install", SlackOAuthEndpoints.Install);
        slack.MapGet("/oauth_redirect", SlackOAuthEndpoints.Redirect);
        return app;
    }
}
