using Microsoft.Extensions.Hosting;

namespace UpgradeBot.Slack.Installations;

/// <summary>
/// Says once the host has started which ways into Slack are on, and checks <c>Slack:BotToken</c>
/// with auth.test off the start-up path: a wrong token is an operator's configuration error to log,
/// not a reason for the service to stop answering Teams, other workspaces or health checks.
/// "Started" means listening too, which a Web API served by this same host (the playground's) needs.
/// </summary>
internal sealed partial class SlackStartupCheck(
    SlackConfiguredInstallation configured,
    IOptions<SlackOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<SlackStartupCheck> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
        }

        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.SigningSecret))
        {
            LogNoSecret();
        }

        if (settings.Distributed)
        {
            LogDistributed(settings.RedirectUri!.AbsoluteUri);
        }

        if (!configured.IsSet)
        {
            if (!settings.Distributed)
            {
                LogOff();
            }

            return;
        }

        await configured.GetAsync(stoppingToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack:SigningSecret is empty: every Slack request will be refused (Slack is off)")]
    private partial void LogNoSecret();

    [LoggerMessage(Level = LogLevel.Information, Message = "Add to Slack is on: workspaces install through /api/slack/install and come back to {RedirectUri}")]
    private partial void LogDistributed(string redirectUri);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Neither Slack:BotToken nor Slack:ClientId, Slack:ClientSecret and Slack:RedirectUri are set: the bot cannot post in Slack (Slack is off)")]
    private partial void LogOff();
}
