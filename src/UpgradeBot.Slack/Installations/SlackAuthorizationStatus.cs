namespace UpgradeBot.Slack.Installations;

public enum SlackAuthorizationStatus
{
    Installed,

    /// <summary>No installation serves the workspace: the app was never added there, or was removed.</summary>
    NotInstalled,

    /// <summary>Passing trouble (Slack unreachable, a refresh under way elsewhere): try again after <see cref="SlackAuthorization.RetryAfter"/>.</summary>
    Unavailable,
}
