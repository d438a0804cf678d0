using Microsoft.Extensions.Options;
using UpgradeBot.Core.Configuration;
using UpgradeBot.Core.Escalation;

namespace UpgradeBot.Escalation;

/// <summary>Runs the escalation outbox for the life of the service: on every wake-up and every poll interval.</summary>
public sealed partial class EscalationDeliveryWorker(
    EscalationOutbox outbox,
    IOptions<EscalationOptions> options,
    ILogger<EscalationDeliveryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = options.Value.Delivery.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                int attempted;
                do
                {
                    attempted = await outbox.DeliverDueAsync(stoppingToken).ConfigureAwait(false);
                }
                while (attempted > 0);

                await outbox.WaitForWorkAsync(poll, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A store hiccup must not end deliveries for the life of the process.
                LogLoopFailed(e);
                await outbox.WaitForWorkAsync(poll, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Escalation delivery loop failed; trying again after the poll interval")]
    private partial void LogLoopFailed(Exception exception);
}
