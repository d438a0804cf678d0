namespace UpgradeBot.Slack.Installations;

/// <summary>
/// The app installed in one workspace, or in a whole Enterprise Grid organization (an org-wide
/// install: <see cref="IsEnterpriseInstall"/>, no team), as the code exchange described it.
/// </summary>
/// <param name="Scopes">The bot scopes granted, comma-separated as Slack lists them.</param>
/// <param name="InstallerUserId">Who added the app (Slack's <c>authed_user</c>).</param>
/// <param name="RefreshToken">With token rotation: the one-use token that gets the next bot token.</param>
/// <param name="TokenExpiresAt">With token rotation: when <see cref="BotToken"/> stops working.</param>
/// <param name="Version">Counts the changes of the stored row (install, refresh); a change that read an older one does not apply.</param>
public sealed record SlackInstallation(
    string? EnterpriseId,
    string? EnterpriseName,
    string? TeamId,
    string? TeamName,
    bool IsEnterpriseInstall,
    SlackToken BotToken,
    string BotUserId,
    string BotId,
    string Scopes,
    string? InstallerUserId,
    DateTimeOffset InstalledAt,
    DateTimeOffset UpdatedAt,
    SlackToken? RefreshToken = null,
    DateTimeOffset? TokenExpiresAt = null,
    long Version = 0)
{
    /// <summary>The store's key: the organization for an org-wide install, the workspace otherwise.</summary>
    public string Id => IsEnterpriseInstall ? OrganizationId(EnterpriseId!) : WorkspaceId(TeamId!);

    /// <summary>The workspace's name, or the organization's for an org-wide install, for pages and logs.</summary>
    public string DisplayName => (IsEnterpriseInstall ? EnterpriseName ?? EnterpriseId : TeamName ?? TeamId) ?? string.Empty;

    public static string WorkspaceId(string teamId) => "team:" + teamId;

    public static string OrganizationId(string enterpriseId) => "enterprise:" + enterpriseId;
}
