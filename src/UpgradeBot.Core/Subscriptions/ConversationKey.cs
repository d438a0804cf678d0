namespace UpgradeBot.Core.Subscriptions;

/// <summary>Identifies a conversation on a platform: a Teams conversation or a Slack channel.</summary>
public sealed record ConversationKey(string Platform, string TenantId, string ChannelId);
