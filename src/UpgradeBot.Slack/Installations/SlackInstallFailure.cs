namespace UpgradeBot.Slack.Installations;

public enum SlackInstallFailure
{
    None,

    /// <summary>The admin chose Cancel on Slack's page (<c>error=access_denied</c>), or Slack sent another error.</summary>
    Cancelled,

    /// <summary>No state, a state this browser was not given, or one that expired or was used already.</summary>
    BadState,

    /// <summary>No code, or Slack refused the code (unknown, used, for another redirect URL).</summary>
    Refused,

    /// <summary>Slack could not be reached or answered with a server error.</summary>
    Unreachable,
}
