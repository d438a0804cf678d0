namespace UpgradeBot.Core.Conversations;

/// <summary>
/// A line of text someone sent the bot, from any platform and any way (a message, a mention, a DM, a
/// slash command), with the bot's own mention already stripped.
/// </summary>
/// <param name="Conversation">Where it was said: where a <c>subscribe</c> sends announcements.</param>
/// <param name="ConversationName">The channel's name, when the platform told us.</param>
/// <param name="Access">How the platform tells whether the speaker may change their organization's settings.</param>
public sealed record Utterance(string Text, Asker Asker, ConversationAddress Conversation, string? ConversationName, CommandSyntax Syntax, CustomerAccess? Access = null);
