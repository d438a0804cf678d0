using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Subscriptions;

namespace UpgradeBot.Core.Messaging;

public enum SendStatus
{
    Sent,

    /// <summary>Worth retrying later (rate limited, 5xx, timeout); <see cref="SendResult.RetryAfter"/> when the platform said.</summary>
    Transient,

    /// <summary>The conversation is gone for us (bot removed, channel archived): deactivate, do not retry.</summary>
    Permanent,
}

/// <summary><see cref="MessageId"/> identifies the posted message for later updates and thread replies.</summary>
public sealed record SendResult(SendStatus Status, string? MessageId = null, TimeSpan? RetryAfter = null, string? Error = null)
{
    public static SendResult Sent(string? messageId) => new(SendStatus.Sent, messageId);
}

/// <summary>
/// Proactive posting into a subscribed conversation on one platform, used by the announcement
/// dispatcher. Implementations honour their platform's rate limits and never throw for a
/// platform refusal; they report it in the result.
/// </summary>
public interface IChannelMessenger
{
    /// <summary>"teams" or "slack": matches <see cref="ConversationKey.Platform"/>.</summary>
    string Platform { get; }

    /// <summary>Posts the announcement; with <paramref name="threadId"/> as a reply in that thread.</summary>
    Task<SendResult> PostAsync(Subscription subscription, Announcement announcement, string? threadId, CancellationToken cancellationToken = default);

    /// <summary>Replaces a message posted earlier with new content.</summary>
    Task<SendResult> UpdateAsync(Subscription subscription, string messageId, Announcement announcement, CancellationToken cancellationToken = default);
}
