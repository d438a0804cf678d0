namespace UpgradeBot.Slack.Api;

/// <summary>The outcome of one Web API call after retries; <see cref="Error"/> is Slack's error code.</summary>
public sealed record SlackCallResult(SlackCallStatus Status, string? Error = null, string? Ts = null, TimeSpan? RetryAfter = null)
{
    private static readonly HashSet<string> ChannelGoneErrors = ["channel_not_found", "not_in_channel", "is_archived"];
    private static readonly HashSet<string> AuthErrors = ["invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive"];

    /// <summary>The answers that mean the app is no longer installed for this token (uninstalled, revoked, deactivated).</summary>
    private static readonly HashSet<string> RevokedErrors = ["invalid_auth", "not_authed", "token_revoked", "account_inactive"];
    private static readonly HashSet<string> TransientErrors = ["ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"];

    public static SlackCallStatus Classify(string? error) => error switch
    {
        null => SlackCallStatus.Refused,
        _ when ChannelGoneErrors.Contains(error) => SlackCallStatus.ChannelGone,
        _ when AuthErrors.Contains(error) => SlackCallStatus.AuthFailed,
        _ when TransientErrors.Contains(error) => SlackCallStatus.Transient,
        _ => SlackCallStatus.Refused,
    };

    /// <summary>Slack says the token no longer stands for an installation; <c>token_expired</c> is not that, a refresh fixes it.</summary>
    public bool TokenRevoked => Status == SlackCallStatus.AuthFailed && Error is { } error && RevokedErrors.Contains(error);
}
