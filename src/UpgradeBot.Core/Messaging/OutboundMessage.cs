namespace UpgradeBot.Core.Messaging;

/// <summary>One send through an <see cref="IMessenger"/>.</summary>
/// <param name="ThreadId">Post as a reply in the thread of this message.</param>
/// <param name="Replaces">Update this earlier message in place instead of posting a new one.</param>
public sealed record OutboundMessage(ConversationAddress To, MessageContent Content, string? ThreadId = null, string? Replaces = null);
