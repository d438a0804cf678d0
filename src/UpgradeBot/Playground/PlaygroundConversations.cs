namespace UpgradeBot.Playground;

/// <summary>
/// Who and where the playground's page plays: one Teams tenant and one Slack workspace, each with a
/// chat with the bot, a channel that receives announcements and the Customer Champions' channel.
/// </summary>
public static class PlaygroundConversations
{
    public const string TeamsTenant = "playground-tenant";
    public const string TeamsBot = "28:playground-bot";
    public const string TeamsUser = "29:playground-user";
    public const string TeamsUserObjectId = "playground-user";
    public const string TeamsTeam = "19:playground-team@thread.tacv2";
    public const string TeamsChat = "a:playground-chat";
    public const string TeamsAnnouncements = "19:playground-announcements@thread.tacv2";
    public const string TeamsChampions = "19:playground-champions@thread.tacv2";

    public const string SlackTeam = "TPLAYGROUND";
    public const string SlackBotUser = "UPLAYBOT";
    public const string SlackBot = "BPLAYBOT";
    public const string SlackUser = "UPLAYUSER";
    public const string SlackChat = "DPLAYCHAT";
    public const string SlackAnnouncements = "CPLAYANNOUNCE";
    public const string SlackChampions = "CPLAYCHAMPIONS";

    public const string UserName = "Playground user";
}
