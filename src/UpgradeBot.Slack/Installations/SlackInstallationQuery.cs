namespace UpgradeBot.Slack.Installations;

/// <summary>
/// Which installation a request or a post belongs to, as Bolt reads it from a payload: the team,
/// the organization, and whether the payload was delivered for an org-wide install.
/// </summary>
public sealed record SlackInstallationQuery(string? EnterpriseId, string? TeamId, bool IsEnterpriseInstall = false)
{
    /// <summary>
    /// The installations that serve it, best first: the organization's alone for an org-wide
    /// delivery; otherwise the workspace's own, then its organization's (an org-wide install serves
    /// every workspace it was added to).
    /// </summary>
    public IEnumerable<string> Candidates()
    {
        if (!IsEnterpriseInstall && !string.IsNullOrEmpty(TeamId))
        {
            yield return SlackInstallation.WorkspaceId(TeamId);
        }

        if (!string.IsNullOrEmpty(EnterpriseId))
        {
            yield return SlackInstallation.OrganizationId(EnterpriseId);
        }
    }

    /// <summary>An org-wide install: delivered for one, or naming an organization and no workspace.</summary>
    public bool IsOrganization => !string.IsNullOrEmpty(EnterpriseId) && (IsEnterpriseInstall || string.IsNullOrEmpty(TeamId));

    /// <summary>For logs: the workspace, or the organization when there is no team.</summary>
    public override string ToString() => (TeamId, EnterpriseId) switch
    {
        ({ Length: > 0 } team, { Length: > 0 } enterprise) => $"workspace {team} of organization {enterprise}",
        ({ Length: > 0 } team, _) => $"workspace {team}",
        (_, { Length: > 0 } enterprise) => $"organization {enterprise}",
        _ => "an unnamed workspace",
    };
}
