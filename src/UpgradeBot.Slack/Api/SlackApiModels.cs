using System.Text.Json.Serialization;
using UpgradeBot.Slack.BlockKit;

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

/// <summary>What every Web API answer has.</summary>
internal abstract class SlackResponse
{
    public bool Ok { get; init; }

    public string? Error { get; init; }
}

/// <summary>The fields of a chat.* or auth.test answer the bot reads (auth.test's <c>team</c> is the workspace's name).</summary>
internal sealed class SlackApiResponse : SlackResponse
{
    public string? Ts { get; init; }

    public string? UserId { get; init; }

    public string? BotId { get; init; }

    public string? TeamId { get; init; }

    public string? Team { get; init; }

    public string? EnterpriseId { get; init; }

    public bool IsEnterpriseInstall { get; init; }
}

/// <summary>A users.info answer: only the fields that say whether the person administers the workspace or organization.</summary>
internal sealed class SlackUsersInfoResponse : SlackResponse
{
    public SlackUserInfo? User { get; init; }
}

internal sealed record SlackUserInfo(
    string? Id,
    bool Deleted,
    bool IsAdmin,
    bool IsOwner,
    bool IsPrimaryOwner,
    SlackEnterpriseUser? EnterpriseUser)
{
    public bool IsAdministrator => !Deleted && (IsAdmin || IsOwner || IsPrimaryOwner || EnterpriseUser is { IsAdmin: true } or { IsOwner: true });
}

/// <summary>The person's standing in the Enterprise Grid organization, when the workspace belongs to one.</summary>
internal sealed record SlackEnterpriseUser(bool IsAdmin, bool IsOwner);

/// <summary>An oauth.v2.access answer, for a code and for a refresh alike (<c>team</c> is null for an org-wide install).</summary>
internal sealed class SlackOAuthResponse : SlackResponse
{
    public string? AccessToken { get; init; }

    public string? TokenType { get; init; }

    public string? Scope { get; init; }

    public string? BotUserId { get; init; }

    public SlackNamed? Team { get; init; }

    public SlackNamed? Enterprise { get; init; }

    public bool IsEnterpriseInstall { get; init; }

    public SlackNamed? AuthedUser { get; init; }

    public string? RefreshToken { get; init; }

    public long? ExpiresIn { get; init; }
}

/// <summary>A team, an organization or a user as oauth.v2.access names them.</summary>
internal sealed record SlackNamed(string? Id, string? Name);

/// <summary>Body of chat.postMessage and chat.update; <see cref="TeamId"/> only with an org-wide token, which must say which workspace it acts in.</summary>
internal sealed record ChatRequest(
    string Channel,
    string Text,
    IReadOnlyList<Block> Blocks,
    string? ThreadTs = null,
    string? Ts = null,
    [property: JsonPropertyName("unfurl_links")] bool? UnfurlLinks = false,
    string? TeamId = null);

/// <summary>Body of views.open (<see cref="TriggerId"/>) and views.publish (<see cref="UserId"/>).</summary>
internal sealed record ViewRequest(SlackView View, string? TriggerId = null, string? UserId = null);

/// <summary>Body of a response_url post.</summary>
internal sealed record ResponseUrlRequest(string Text, IReadOnlyList<Block> Blocks, bool ReplaceOriginal, string? ResponseType);
