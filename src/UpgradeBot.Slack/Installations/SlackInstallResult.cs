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

/// <summary>How a return from Slack's authorize page ended: the installation stored, or why nothing was.</summary>
public sealed record SlackInstallResult(SlackInstallation? Installation, SlackInstallFailure Failure = SlackInstallFailure.None, string? Detail = null)
{
    public static SlackInstallResult Failed(SlackInstallFailure failure, string detail) => new(null, failure, detail);
}
