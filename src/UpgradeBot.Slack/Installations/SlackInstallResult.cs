namespace UpgradeBot.Slack.Installations;

/// <summary>How a return from Slack's authorize page ended: the installation stored, or why nothing was.</summary>
public sealed record SlackInstallResult(SlackInstallation? Installation, SlackInstallFailure Failure = SlackInstallFailure.None, string? Detail = null)
{
    public static SlackInstallResult Failed(SlackInstallFailure failure, string detail) => new(null, failure, detail);
}
