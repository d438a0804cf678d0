namespace UpgradeBot.Slack.Inbound;

/// <summary>The clicked message: its ts, the thread it is in (a reply has both), and whether only the clicker sees it.</summary>
internal sealed record InteractionContainer(string? ChannelId, string? MessageTs, string? ThreadTs, bool? IsEphemeral);
