using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Knowledge;
using UpgradeBot.Core.Messaging;

namespace UpgradeBot.Escalation;

public static partial class EscalationRegistration
{
    /// <summary>
    /// The escalation service, its outbox (a step of the background loop), the states Customer
    /// Champions move escalations through, and the webhook and help-desk destinations.
    /// </summary>
    public static IHostApplicationBuilder AddEscalation(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section)
            .Validate(o => string.IsNullOrWhiteSpace(o.Url) || (Uri.TryCreate(o.Url, UriKind.Absolute, out var url) && url.Scheme is "https" or "http"), "Escalation:Webhook:Url is not an absolute http(s) URL.")
            .Validate(o => string.IsNullOrWhiteSpace(o.Url) || !string.IsNullOrWhiteSpace(o.Secret), "Escalation:Webhook:Secret is empty; the receiver could not tell our deliveries from forgeries. Set a long random secret.")
            .Validate(o => o.Timeout > TimeSpan.Zero, "Escalation:Webhook:Timeout must be positive.")
            .ValidateOnStart();
        services.AddHttpClient<WebhookMessenger>();
        services.AddSingleton<IMessenger>(sp => sp.GetRequiredService<WebhookMessenger>());
        services.AddOptions<ZendeskOptions>().BindConfiguration(ZendeskOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ZendeskOptions>, ZendeskSettings>();
        services.AddHttpClient<ZendeskMessenger>();
        services.AddSingleton<IMessenger>(sp => sp.GetRequiredService<ZendeskMessenger>());
        services.AddSingleton(sp =>
        {
            var escalation = sp.GetRequiredService<IOptions<EscalationOptions>>().Value;
            return ActivatorUtilities.CreateInstance<EscalationOutbox>(sp, DeliveryPolicy.From(escalation.Delivery), escalation.ClaimLease);
        });
        services.AddSingleton<IBackgroundStep>(sp => sp.GetRequiredService<EscalationOutbox>());
        services.AddSingleton<IEscalationService>(sp => new EscalationService(
            sp.GetRequiredService<IEscalationStore>(),
            sp.GetRequiredService<KnowledgeBase>(),
            sp.AnsweringSchedule(),
            sp.GetRequiredService<EscalationOutbox>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<EscalationOptions>>().Value.MaxPerUserPerDay,
            sp.GetRequiredService<ICustomerStore>()));
        services.AddSingleton<EscalationStates>();
        services.AddHostedService<DestinationCheck>();
        return builder;
    }

    /// <summary>Stops the start with what is wrong about the help-desk settings, naming the keys.</summary>
    private sealed class ZendeskSettings : IValidateOptions<ZendeskOptions>
    {
        public ValidateOptionsResult Validate(string? name, ZendeskOptions options) =>
            options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }

    /// <summary>Says at start-up when escalations would reach nobody, so an operator notices before a customer does.</summary>
    private sealed partial class DestinationCheck(EscalationOutbox outbox, ILogger<DestinationCheck> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (outbox.Destinations.Count == 0)
            {
                LogNoDestination();
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Warning, Message = "No Customer Champions destination is configured (Escalation:Webhook:Url, Escalation:Zendesk:Url, Escalation:Teams:ConversationId, Escalation:Slack:ChannelId): escalations are recorded and visible in the admin API only")]
        private partial void LogNoDestination();
    }
}
