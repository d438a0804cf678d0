namespace UpgradeBot.Core.Messaging;

/// <summary>
/// Something the bot says, channel-neutral: an answer, an announcement, a notice, an escalation for
/// Customer Champions. Each platform's renderer draws every kind; a new kind touches Core and the renderers.
/// </summary>
public abstract record MessageContent;
