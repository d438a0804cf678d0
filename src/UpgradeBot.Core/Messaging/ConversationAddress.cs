namespace UpgradeBot.Core.Messaging;

/// <summary>
/// Where a message goes: the conversation and the platform's own serialized reference to post
/// there (a Bot Framework conversation reference, a Slack channel), which Core never reads.
/// </summary>
public sealed record ConversationAddress(ConversationKey Key, string Reference);
