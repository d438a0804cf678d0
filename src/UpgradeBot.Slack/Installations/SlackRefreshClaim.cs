namespace UpgradeBot.Slack.Installations;

/// <summary>The answer of <see cref="ISlackInstallationStore.ClaimRefreshAsync"/>, with the installation as stored.</summary>
public sealed record SlackRefreshClaim(SlackRefreshClaimState State, SlackInstallation? Installation, DateTimeOffset? LeaseUntil = null);
