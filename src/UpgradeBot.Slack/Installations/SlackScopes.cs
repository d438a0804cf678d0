namespace UpgradeBot.Slack.Installations;

/// <summary>The bot scopes "Add to Slack" asks for; manifests/slack/manifest.yaml lists the same (ManifestTests checks it).</summary>
public static class SlackScopes
{
    public static IReadOnlyList<string> Bot { get; } =
    [
        // app_mention events
        "app_mentions:read",
        // chat.postMessage, chat.update
        "chat:write",
        // /upgrade
        "commands",
        // message.im events: questions in the bot's DMs
        "im:history",
        // member_joined_channel, member_left_channel, channel_left in public channels
        "channels:read",
        // the same in private channels, and group_left
        "groups:read",
        // users.info: whether someone changing the settings is a workspace admin or owner
        "users:read",
    ];
}
