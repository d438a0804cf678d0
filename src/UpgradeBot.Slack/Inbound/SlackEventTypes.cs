namespace UpgradeBot.Slack.Inbound;

/// <summary>The event types the bot subscribes to (manifests/slack/manifest.yaml lists the same).</summary>
public static class SlackEventTypes
{
    public const string AppMention = "app_mention";
    public const string Message = "message";
    public const string MemberJoinedChannel = "member_joined_channel";
    public const string MemberLeftChannel = "member_left_channel";
    public const string ChannelLeft = "channel_left";
    public const string GroupLeft = "group_left";
    public const string AppUninstalled = "app_uninstalled";
    public const string TokensRevoked = "tokens_revoked";
    public const string AppHomeOpened = "app_home_opened";
}
