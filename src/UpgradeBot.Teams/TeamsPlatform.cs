using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;
using UpgradeBot.Core.Inbound;
using UpgradeBot.Teams.Inbound;
using UpgradeBot.Teams.Outbound;

namespace UpgradeBot.Teams;

/// <summary>Microsoft Teams as a platform of the bot: its services and its one endpoint.</summary>
public static class TeamsPlatform
{
    /// <summary><c>ConversationKey.Platform</c> and the escalation destination name of Teams.</summary>
    public const string Name = "teams";

    public const string MessagesPath = "/api/messages";

    /// <summary>Teams' own messages are far smaller; anything near this is not a chat message and is refused before it costs memory.</summary>
    public const int MaxActivityBytes = 256 * 1024;

    /// <summary>
    /// Bot Framework's authentication from its standard keys (<c>MicrosoftAppType</c>, <c>MicrosoftAppId</c>,
    /// <c>MicrosoftAppPassword</c>, <c>MicrosoftAppTenantId</c>; an empty app id is local anonymous mode),
    /// the adapter, the activity handler and the messenger (announcements, Customer Champions).
    /// </summary>
    public static IHostApplicationBuilder AddTeamsPlatform(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TeamsOptions>()
            .BindConfiguration(TeamsOptions.Section)
            .Validate(o => o.TenantSendsPerSecond > 0 && o.TenantSendsPerSecondOverrides.Values.All(v => v > 0), "Teams:TenantSendsPerSecond and its overrides must be positive.")
            .Validate(o => o.MaxSendWait >= TimeSpan.Zero, "Teams:MaxSendWait must not be negative.")
            .ValidateOnStart();
        services.AddOptions<TeamsChampionsOptions>()
            .BindConfiguration(TeamsChampionsOptions.Section)
            .Validate(
                o => string.IsNullOrWhiteSpace(o.ConversationId) || Uri.TryCreate(o.ServiceUrl, UriKind.Absolute, out _),
                "Escalation:Teams:ServiceUrl is required with Escalation:Teams:ConversationId (the service URL of that conversation's Teams region).")
            .ValidateOnStart();
        services.AddHttpClient();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRateLimiter>(sp => new ProcessRateLimiter(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<BotFrameworkAuthentication>(sp => new SharedContractsAuthentication(new ConfigurationBotFrameworkAuthentication(
            AuthenticationSettings(sp.GetRequiredService<IConfiguration>()),
            httpClientFactory: sp.GetRequiredService<IHttpClientFactory>(),
            logger: sp.GetRequiredService<ILogger<ConfigurationBotFrameworkAuthentication>>())));

        // An explicit factory: CloudAdapter's constructors are ambiguous for the container.
        services.AddSingleton(sp => new TeamsAdapter(
            sp.GetRequiredService<BotFrameworkAuthentication>(),
            sp.GetRequiredService<ILogger<TeamsAdapter>>()));
        services.AddTransient<TeamsBot>();
        services.AddSingleton<TeamsMessenger>();
        services.AddSingleton<IMessenger>(sp => sp.GetRequiredService<TeamsMessenger>());
        return builder;
    }

    /// <summary>
    /// The SDK refuses to start with <c>MicrosoftAppType</c> SingleTenant and no app id, yet an empty app
    /// id is how local anonymous mode is asked for: then the app type is read as MultiTenant, which
    /// with no app id authenticates nobody and accepts unauthenticated activities.
    /// </summary>
    private static IConfiguration AuthenticationSettings(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"])
            ? new ConfigurationBuilder()
                .AddConfiguration(configuration)
                .AddInMemoryCollection(new Dictionary<string, string?> { ["MicrosoftAppType"] = "MultiTenant" })
                .Build()
            : configuration;

    public static IEndpointRouteBuilder MapTeamsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(MessagesPath, ReceiveAsync);
        return app;
    }

    private static async Task ReceiveAsync(HttpContext context, TeamsAdapter adapter, TeamsBot bot)
    {
        var request = context.Request;
        var body = await BoundedBody.ReadAsync(request.Body, request.ContentLength, MaxActivityBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await Results.Problem($"An activity is at most {MaxActivityBytes / 1024} KiB.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Activity too large").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (ActivityBody.Problem(body) is { } problem)
        {
            await Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Not a Bot Framework activity").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        request.Body = new MemoryStream(body, writable: false);
        try
        {
            await adapter.ProcessAsync(request, context.Response, bot, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Newtonsoft.Json.JsonException) when (!context.Response.HasStarted)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (Exception exception) when (exception is SecurityTokenException or ArgumentException && !context.Response.HasStarted)
        {
            // The SDK turns only a missing token into a 401; an expired, forged or unreadable one escapes as these.
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        // The SDK answers an activity it cannot read (valid JSON with a field of the wrong type) with a bare 400.
        if (context.Response.StatusCode == StatusCodes.Status400BadRequest && !context.Response.HasStarted)
        {
            await Results.Problem(
                "The activity could not be processed: a field has the wrong type, or it is a kind of activity this bot does not handle.",
                statusCode: StatusCodes.Status400BadRequest,
                title: "Not a Bot Framework activity").ExecuteAsync(context).ConfigureAwait(false);
        }
    }
}
