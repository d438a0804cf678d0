namespace UpgradeBot.Core.Messaging;

/// <summary>One send through an <see cref="IMessenger"/>.</summary>
/// <param name="ThreadId">Post as a reply in the thread of this message.</param>
/// <param name="Replaces">Update this earlier message in place instead of posting a new one.</param>
/// <param name="MaxWait">
/// The longest this send may wait for its rate limit before it is handed back as not attempted;
/// null for the platform's setting. A queue serving many conversations asks for little, so that a
/// waiting send never holds a slot another conversation could use.
/// </param>
public sealed record OutboundMessage(ConversationAddress To, MessageContent Content, string? ThreadId = null, string? Replaces = null, TimeSpan? MaxWait = null);
