namespace UpgradeBot.Core.Conversations;

/// <summary>What the bot says back to an <see cref="Utterance"/>.</summary>
/// <param name="ForEveryone">
/// Everyone in the conversation should see it (announcements switched on or off there); otherwise
/// the platform may show it to the asker alone where it can (Slack's slash command).
/// </param>
public sealed record BotResponse(MessageContent Content, bool ForEveryone = false);
