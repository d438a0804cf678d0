using UpgradeBot.Core.Messaging;
using UpgradeBot.Core.Subscriptions;

namespace UpgradeBot.Slack;

/// <summary><c>Escalation:Slack</c>: the Customer Champions channel in Slack.</summary>
public sealed class SlackChampionsOptions
{
    public const string Section = "Escalation:Slack";

    public string? ChannelId { get; set; }

    /// <summary>Where the bot posts escalations; null when not configured.</summary>
    public ConversationAddress? Address() =>
        string.IsNullOrWhiteSpace(ChannelId)
            ? null
            : new ConversationAddress(new ConversationKey(SlackPlatform.Name, string.Empty, ChannelId), new SlackConversation(string.Empty, ChannelId).Serialize());
}
