namespace UpgradeBot.Testing;

/// <summary>
/// A workspace of a fake Slack, or with <see cref="OrgWide"/> an Enterprise Grid organization that
/// installs once for all its workspaces; the bot user and bot id are its own, as they are in Slack.
/// </summary>
public sealed record SlackWorkspace(string? TeamId, string Name, string? EnterpriseId, string BotUserId, string BotId)
{
    public bool OrgWide => TeamId is null;

    internal object Identity => new { id = OrgWide ? EnterpriseId : TeamId, name = Name };

    /// <summary>What auth.test answers for a token of this workspace.</summary>
    internal object AuthTest => new
    {
        ok = true,
        url = "https://fake.slack.example/",
        team = OrgWide ? null : Name,
        user = "upgradebot",
        team_id = TeamId,
        user_id = BotUserId,
        bot_id = BotId,
        enterprise_id = EnterpriseId,
        is_enterprise_install = OrgWide,
    };
}
