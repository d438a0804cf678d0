namespace UpgradeBot.Slack.Installations;

public enum SlackRefreshClaimState
{
    /// <summary>The caller refreshes now, with the claimed installation's refresh token.</summary>
    Claimed,

    /// <summary>The stored token does not expire soon (it rotates not at all, or someone refreshed it already).</summary>
    NotNeeded,

    /// <summary>Someone else is refreshing it, until <see cref="SlackRefreshClaim.LeaseUntil"/> at the latest.</summary>
    Busy,

    /// <summary>Nothing is installed under that id.</summary>
    Missing,
}
