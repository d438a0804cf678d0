using UpgradeBot.Core.Diagnostics;

namespace UpgradeBot.Slack.Outbound;

/// <summary>
/// Posts into Slack channels (answers, announcements, Customer Champions) with the token of the
/// installation that serves the channel's workspace, inside Slack's limits: one message a second
/// per channel and at most <c>Slack:WorkspaceMessagesPerSecond</c> across each workspace. A 429's
/// Retry-After holds the refused post (its outbox retries it then) and its channel; Slack does not
/// publish its workspace cap, so a 429 also slows the workspace to just below what Slack accepted
/// (the limiter's adaptive rate) instead of stopping every channel there. Classifies Slack's
/// answer; never retries.
/// </summary>
public sealed partial class SlackMessenger(
    SlackApiClient api,
    SlackInstallations installations,
    IRateLimiter limiter,
    IOptions<SlackOptions> options,
    IOptions<SlackChampionsOptions> champions,
    TimeProvider time,
    ILogger<SlackMessenger> logger) : IMessenger
{
    private readonly SlackOptions _options = options.Value;

    public string Platform => SlackPlatform.Name;

    public ConversationAddress? Champions { get; } = champions.Value.Address();

    public async Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        if (SlackConversation.Parse(message.To.Reference) is not { } conversation)
        {
            return SendResult.Gone("unreadable conversation reference");
        }

        var authorization = await installations.ForSendingAsync(conversation.Installation, cancellationToken).ConfigureAwait(false);
        if (authorization is not { Status: SlackAuthorizationStatus.Installed, Installation: { } installation })
        {
            // Not installed there (any more): nothing is posted until the workspace installs the app again.
            return authorization switch
            {
                { Status: SlackAuthorizationStatus.NotInstalled } => SendResult.Gone($"the app is not installed in {conversation.Installation}"),
                // Another instance is refreshing the token: not a failed attempt, as with our own rate limit.
                { Waiting: true } => new SendResult(SendOutcome.RetryLater, RetryAfter: authorization.RetryAfter, Error: authorization.Reason, Attempted: false),
                _ => SendResult.RetryLater(authorization.Reason ?? "unavailable", authorization.RetryAfter),
            };
        }

        var workspace = WorkspaceLimit(conversation, installation);
        var channel = ChannelLimit(conversation);
        var slot = await limiter.ReserveAsync([workspace, channel], message.MaxWait ?? _options.MaxSendWait, cancellationToken).ConfigureAwait(false);
        if (!slot.Granted)
        {
            return SendResult.Throttled(slot.Wait, slot.HeldBy?.Contains(workspace.Key) == true ? workspace.Window / workspace.Count : null);
        }

        if (slot.Wait > TimeSpan.Zero)
        {
            await Task.Delay(slot.Wait, time, cancellationToken).ConfigureAwait(false);
        }

        // An org-wide token serves many workspaces: it says which one it posts in.
        var credentials = new SlackCredentials(installation.BotToken, installation.IsEnterpriseInstall && conversation.TeamId.Length > 0 ? conversation.TeamId : null);
        var rendered = SlackRenderer.Render(message.Content);
        var started = time.GetTimestamp();
        var result = message.Replaces is { } ts
            ? await api.UpdateAsync(credentials, conversation.ChannelId, ts, rendered, cancellationToken).ConfigureAwait(false)
            : await api.PostMessageAsync(credentials, conversation.ChannelId, rendered, message.ThreadId, cancellationToken).ConfigureAwait(false);
        BotMetrics.PlatformCallDuration.Record(time.GetElapsedTime(started).TotalSeconds, BotMetrics.Tags(Platform, result.Status.ToString()));
        if (result.RetryAfter is { } retryAfter)
        {
            BotMetrics.RateLimited.Add(1, new KeyValuePair<string, object?>("platform", Platform));
            // Retry-After holds the refused post's channel; the workspace, whose cap Slack does not publish, slows down.
            await limiter.ThrottledAsync(channel.Key, retryAfter, workspace, slot.At, cancellationToken).ConfigureAwait(false);
        }

        return result.Status switch
        {
            SlackCallStatus.Ok => SendResult.Sent(result.Ts ?? message.Replaces),
            SlackCallStatus.ChannelGone => SendResult.Gone(result.Error ?? "channel_not_found"),
            SlackCallStatus.Refused => SendResult.Permanent(result.Error ?? "refused"),
            SlackCallStatus.AuthFailed => await RefusedTokenAsync(authorization, installation, result, cancellationToken).ConfigureAwait(false),
            _ => SendResult.RetryLater(result.Error ?? "unavailable", result.RetryAfter),
        };
    }

    /// <summary>
    /// A revoked token of a stored installation means the workspace removed the app: the installation
    /// goes and nothing more is posted there. The token of <c>Slack:BotToken</c> is the operator's to
    /// fix, so its posts wait for that instead of being dropped.
    /// </summary>
    private async Task<SendResult> RefusedTokenAsync(SlackAuthorization authorization, SlackInstallation installation, SlackCallResult result, CancellationToken cancellationToken)
    {
        var error = result.Error ?? "invalid_auth";
        if (authorization.Configured)
        {
            LogConfiguredTokenRefused(error);
            return SendResult.RetryLater(error);
        }

        return result.TokenRevoked && await installations.RefusedAsync(installation, error, cancellationToken).ConfigureAwait(false)
            ? SendResult.Gone(error)
            : SendResult.RetryLater(error);
    }

    /// <summary>
    /// The workspace whose cap a post counts against: the channel's, or the token's own for a channel
    /// that names none. Evenly spaced rather than a count per second: a burst at the cap arrives bunched and trips it.
    /// </summary>
    private RateLimit WorkspaceLimit(SlackConversation conversation, SlackInstallation installation) =>
        new($"slack:workspace:{(conversation.TeamId.Length > 0 ? conversation.TeamId : installation.TeamId ?? installation.EnterpriseId)}", 1, TimeSpan.FromSeconds(1 / _options.WorkspaceMessagesPerSecond));

    private static RateLimit ChannelLimit(SlackConversation conversation) =>
        new($"slack:channel:{conversation.TeamId}/{conversation.ChannelId}", 1, SlackLimits.PerChannel);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack refused Slack:BotToken ({Error}): the token is wrong or revoked; set Slack:BotToken to the app's Bot User OAuth Token (xoxb-…)")]
    private partial void LogConfiguredTokenRefused(string error);
}
