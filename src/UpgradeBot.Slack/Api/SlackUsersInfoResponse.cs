namespace UpgradeBot.Slack.Api;

/// <summary>A users.info answer: only the fields that say whether the person administers the workspace or organization.</summary>
internal sealed class SlackUsersInfoResponse : SlackResponse
{
    public SlackUserInfo? User { get; init; }
}
