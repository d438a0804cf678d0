namespace UpgradeBot.Slack.Api;

public enum SlackCallStatus
{
    Ok,

    /// <summary>Retry later: rate limited, 5xx, timeout, network.</summary>
    Transient,

    /// <summary>The channel is gone for us (<c>channel_not_found</c>, <c>not_in_channel</c>, <c>is_archived</c>).</summary>
    ChannelGone,

    /// <summary>The token is wrong, expired or revoked: nothing will work with it any more.</summary>
    AuthFailed,

    /// <summary>Slack refused the request itself (bad blocks, missing scope); retrying cannot help.</summary>
    Refused,
}
