using Microsoft.Extensions.Options;
using UpgradeBot.Core.Diagnostics;
using UpgradeBot.Core.Messaging;
using UpgradeBot.Slack.Api;
using UpgradeBot.Slack.BlockKit;

namespace UpgradeBot.Slack.Outbound;

/// <summary>
/// Posts into Slack channels (answers, announcements, Customer Champions) inside Slack's limits:
/// one message a second per channel and at most <c>Slack:WorkspaceMessagesPerSecond</c> across each
/// workspace, nothing at all in the workspace while a 429's Retry-After runs. Slack does not publish
/// its workspace cap, so a 429 also slows the workspace to what Slack accepted (the limiter's
/// adaptive rate). Classifies Slack's answer; never retries.
/// </summary>
public sealed class SlackMessenger(SlackApiClient api, IRateLimiter limiter, IOptions<SlackOptions> options, IOptions<SlackChampionsOptions> champions, TimeProvider time) : IMessenger
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

        var workspace = WorkspaceLimit(conversation.TeamId);
        var slot = await limiter.ReserveAsync([workspace, ChannelLimit(conversation)], _options.MaxSendWait, cancellationToken).ConfigureAwait(false);
        if (!slot.Granted)
        {
            return SendResult.Throttled(slot.Wait);
        }

        if (slot.Wait > TimeSpan.Zero)
        {
            await Task.Delay(slot.Wait, time, cancellationToken).ConfigureAwait(false);
        }

        var rendered = SlackRenderer.Render(message.Content);
        var started = time.GetTimestamp();
        var result = message.Replaces is { } ts
            ? await api.UpdateAsync(conversation.ChannelId, ts, rendered, cancellationToken).ConfigureAwait(false)
            : await api.PostMessageAsync(conversation.ChannelId, rendered, message.ThreadId, cancellationToken).ConfigureAwait(false);
        BotMetrics.PlatformCallDuration.Record(time.GetElapsedTime(started).TotalSeconds, BotMetrics.Tags(Platform, result.Status.ToString()));
        if (result.RetryAfter is { } retryAfter)
        {
            BotMetrics.RateLimited.Add(1, new KeyValuePair<string, object?>("platform", Platform));
            await limiter.ThrottledAsync(workspace.Key, retryAfter, workspace, slot.At, cancellationToken).ConfigureAwait(false);
        }

        return result.Status switch
        {
            SlackCallStatus.Ok => SendResult.Sent(result.Ts ?? message.Replaces),
            SlackCallStatus.ChannelGone => SendResult.Gone(result.Error ?? "channel_not_found"),
            SlackCallStatus.Refused => SendResult.Permanent(result.Error ?? "refused"),

            // A bad token is the operator's to fix: the posts should go out once fixed, not be dropped.
            _ => SendResult.RetryLater(result.Error ?? "unavailable", result.RetryAfter),
        };
    }

    /// <summary>Evenly spaced rather than a count per second: a burst at the cap arrives bunched and trips it.</summary>
    private RateLimit WorkspaceLimit(string teamId) =>
        new($"slack:workspace:{teamId}", 1, TimeSpan.FromSeconds(1 / _options.WorkspaceMessagesPerSecond));

    private static RateLimit ChannelLimit(SlackConversation conversation) =>
        new($"slack:channel:{conversation.TeamId}/{conversation.ChannelId}", 1, SlackLimits.PerChannel);
}
