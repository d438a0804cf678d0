using Microsoft.Extensions.Options;
using UpgradeBot.Admin;
using UpgradeBot.Core.Background;
using UpgradeBot.Core.Configuration;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Knowledge;
using UpgradeBot.Core.Schedule;

namespace UpgradeBot.Escalation;

public static partial class EscalationRegistration
{
    /// <summary>The escalation service, its outbox and delivery worker, the webhook destination and the admin API key filter.</summary>
    public static IHostApplicationBuilder AddEscalation(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHttpClient<WebhookNotifier>();
        services.AddSingleton<IChampionNotifier>(sp => sp.GetRequiredService<WebhookNotifier>());
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<EscalationOutbox>(
            sp, DeliveryPolicy.From(sp.GetRequiredService<IOptions<EscalationOptions>>().Value.Delivery)));
        services.AddSingleton<IEscalationService>(sp => new EscalationService(
            sp.GetRequiredService<IEscalationStore>(),
            sp.GetRequiredService<KnowledgeBase>(),
            sp.GetRequiredService<IUpgradeSchedule>(),
            sp.GetServices<IChampionNotifier>(),
            sp.GetRequiredService<EscalationOutbox>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<EscalationOptions>>().Value.MaxPerUserPerDay));
        services.AddHostedService<EscalationDeliveryWorker>();
        services.AddHostedService<DestinationCheck>();
        return builder;
    }

    /// <summary>Says at start-up when escalations would reach nobody, so an operator notices before a customer does.</summary>
    private sealed partial class DestinationCheck(IEnumerable<IChampionNotifier> notifiers, ILogger<DestinationCheck> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (!notifiers.Any(n => n.IsConfigured))
            {
                LogNoDestination();
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Warning, Message = "No Customer Champions destination is configured (Escalation:Webhook:Url, Escalation:Teams:ConversationId, Escalation:Slack:ChannelId): escalations are recorded and visible in the admin API only")]
        private partial void LogNoDestination();
    }
}
