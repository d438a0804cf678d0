namespace UpgradeBot.Core.Escalation;

/// <summary>
/// Where the requester escalated, so they can be told what Customer Champions did: the conversation,
/// and the thread their answer is in (Slack: the answer's thread; Teams: a channel thread), if any.
/// </summary>
public sealed record EscalationOrigin(ConversationAddress Conversation, string? ThreadId);
