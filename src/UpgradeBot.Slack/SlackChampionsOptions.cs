using UpgradeBot.Core.Subscriptions;

namespace UpgradeBot.Slack;

/// <summary><c>Escalation:Slack</c>: the Customer Champions channel in Slack.</summary>
public sealed class SlackChampionsOptions
{
    public const string Section = "Escalation:Slack";

    public string? ChannelId { get; set; }

    /// <summary>
    /// The workspace of that channel when it installed the app through "Add to Slack"; empty when
    /// it is the workspace of <c>Slack:BotToken</c>.
    /// </summary>
    public string? TeamId { get; set; }

    /// <summary>Where the bot posts escalations; null when not configured.</summary>
    public ConversationAddress? Address() =>
        string.IsNullOrWhiteSpace(ChannelId)
            ? null
            : SlackPlatform.Address(TeamId ?? string.Empty, ChannelId);
}
