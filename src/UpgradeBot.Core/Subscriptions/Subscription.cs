namespace UpgradeBot.Core.Subscriptions;

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
    DateTimeOffset UpdatedAt)
{
    public ConversationAddress Address => new(Key, ConversationReference);
}
