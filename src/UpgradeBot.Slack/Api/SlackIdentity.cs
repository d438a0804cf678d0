using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace UpgradeBot.Slack.Api;

/// <summary>
/// The bot's own user id, learned from auth.test at start and again on demand while unknown. Event
/// handlers need it to tell the bot's own joins and leaves from everyone else's.
/// </summary>
public sealed partial class SlackIdentity(SlackApiClient api, ILogger<SlackIdentity> logger)
{
    private volatile SlackBotIdentity? _known;

    public async Task<SlackBotIdentity?> GetAsync(CancellationToken cancellationToken)
    {
        if (_known is { } known)
        {
            return known;
        }

        var (result, identity) = await api.AuthTestAsync(cancellationToken).ConfigureAwait(false);
        if (identity is not null)
        {
            _known = identity;
            LogIdentity(identity.UserId, identity.TeamId);
        }
        else if (result.Status != SlackCallStatus.AuthFailed)
        {
            // Auth failures are already logged loudly by the client, naming Slack:BotToken.
            LogUnknown(result.Error);
        }

        return identity;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack bot is user {BotUserId} in workspace {TeamId}")]
    private partial void LogIdentity(string botUserId, string teamId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack auth.test failed ({Error}); the bot user id stays unknown until it succeeds")]
    private partial void LogUnknown(string? error);
}

/// <summary>
/// Calls auth.test once the host has started, off the start-up path: a wrong token is an operator's
/// configuration error to log, not a reason for the service to stop answering Teams or health checks.
/// Started means listening too, which a Web API served by this same host (the playground's) needs.
/// </summary>
internal sealed partial class SlackStartupCheck(
    SlackIdentity identity,
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

        if (string.IsNullOrWhiteSpace(options.Value.SigningSecret))
        {
            LogNoSecret();
        }

        if (string.IsNullOrWhiteSpace(options.Value.BotToken))
        {
            LogNoToken();
            return;
        }

        await identity.GetAsync(stoppingToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack:SigningSecret is empty: every Slack request will be refused (Slack is off)")]
    private partial void LogNoSecret();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack:BotToken is empty: the bot cannot post in Slack (Slack is off)")]
    private partial void LogNoToken();
}
