using Microsoft.Extensions.Options;
using UpgradeBot.Core.Messaging;
using UpgradeBot.Slack.Api;
using UpgradeBot.Slack.BlockKit;

namespace UpgradeBot.Slack.Outbound;

/// <summary>
/// Posts into Slack channels (answers, announcements, Customer Champions) inside Slack's limits:
/// one message a second per channel and <c>Slack:WorkspaceMessagesPerSecond</c> across the
/// workspace, nothing at all while a 429's Retry-After runs. Classifies Slack's answer; never retries.
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

        var slot = await limiter.ReserveAsync(Limits(conversation), message.MaxWait ?? _options.MaxSendWait, cancellationToken).ConfigureAwait(false);
        if (!slot.Granted)
        {
            return SendResult.Throttled(slot.Wait);
        }

        if (slot.Wait > TimeSpan.Zero)
        {
            await Task.Delay(slot.Wait, time, cancellationToken).ConfigureAwait(false);
        }

        var rendered = SlackRenderer.Render(message.Content);
        var result = message.Replaces is { } ts
            ? await api.UpdateAsync(conversation.ChannelId, ts, rendered, cancellationToken).ConfigureAwait(false)
            : await api.PostMessageAsync(conversation.ChannelId, rendered, message.ThreadId, cancellationToken).ConfigureAwait(false);
        if (result.RetryAfter is { } retryAfter)
        {
            await limiter.PauseAsync(WorkspaceKey(conversation), retryAfter, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Slack's caps are per workspace: one workspace's flood never holds up another's posts.</summary>
    private static string WorkspaceKey(SlackConversation conversation) => $"slack:workspace:{conversation.TeamId}";

    private RateLimit[] Limits(SlackConversation conversation) =>
    [
        new(WorkspaceKey(conversation), 1, TimeSpan.FromSeconds(1 / _options.WorkspaceMessagesPerSecond)),
        new($"slack:channel:{conversation.TeamId}/{conversation.ChannelId}", 1, SlackLimits.PerChannel),
    ];
}
