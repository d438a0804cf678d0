using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Messaging;
using UpgradeBot.Core.Subscriptions;
using UpgradeBot.Slack.Api;
using UpgradeBot.Slack.BlockKit;

namespace UpgradeBot.Slack.Outbound;

/// <summary>Posts announcements into subscribed Slack channels; the dispatcher deactivates a channel on <see cref="SendStatus.Permanent"/>.</summary>
public sealed class SlackMessenger(SlackApiClient api) : IChannelMessenger
{
    public string Platform => SlackChannel.Platform;

    public async Task<SendResult> PostAsync(Subscription subscription, Announcement announcement, string? threadId, CancellationToken cancellationToken = default)
    {
        if (SlackConversation.Parse(subscription.ConversationReference) is not { } conversation)
        {
            return new SendResult(SendStatus.Permanent, Error: "unreadable conversation reference");
        }

        var result = await api.PostMessageAsync(conversation.ChannelId, SlackRenderer.Announcement(announcement), threadId, cancellationToken).ConfigureAwait(false);
        return ToSendResult(result);
    }

    public async Task<SendResult> UpdateAsync(Subscription subscription, string messageId, Announcement announcement, CancellationToken cancellationToken = default)
    {
        if (SlackConversation.Parse(subscription.ConversationReference) is not { } conversation)
        {
            return new SendResult(SendStatus.Permanent, Error: "unreadable conversation reference");
        }

        var result = await api.UpdateAsync(conversation.ChannelId, messageId, SlackRenderer.Announcement(announcement), cancellationToken).ConfigureAwait(false);
        return ToSendResult(result, messageId);
    }

    /// <summary>
    /// A bad token is reported as transient: it is the operator's to fix and the posts should go out
    /// once fixed, not be dropped or count against the channel.
    /// </summary>
    private static SendResult ToSendResult(SlackCallResult result, string? messageId = null) => result.Status switch
    {
        SlackCallStatus.Ok => SendResult.Sent(result.Ts ?? messageId),
        SlackCallStatus.ChannelGone or SlackCallStatus.Refused => new SendResult(SendStatus.Permanent, Error: result.Error),
        _ => new SendResult(SendStatus.Transient, RetryAfter: result.RetryAfter, Error: result.Error),
    };
}
