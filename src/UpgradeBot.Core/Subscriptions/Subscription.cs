namespace UpgradeBot.Core.Subscriptions;

/// <summary>Identifies a conversation on a platform: a Teams conversation or a Slack channel.</summary>
public sealed record ConversationKey(string Platform, string TenantId, string ChannelId);

/// <summary>
/// A conversation that receives announcements. <see cref="ConversationReference"/> is the
/// platform's own serialized address (opaque to Core) needed to post there proactively.
/// </summary>
public sealed record Subscription(
    ConversationKey Key,
    string ConversationReference,
    string? Name,
    bool Active,
    DateTimeOffset SubscribedAt,
    DateTimeOffset UpdatedAt);
