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

    /// <summary>The token is wrong or revoked: nothing will work until an operator fixes <c>Slack:BotToken</c>.</summary>
    AuthFailed,

    /// <summary>Slack refused the request itself (bad blocks, missing scope); retrying cannot help.</summary>
    Refused,
}

/// <summary>The outcome of one Web API call after retries; <see cref="Error"/> is Slack's error code.</summary>
public sealed record SlackCallResult(SlackCallStatus Status, string? Error = null, string? Ts = null, TimeSpan? RetryAfter = null)
{
    private static readonly HashSet<string> ChannelGoneErrors = ["channel_not_found", "not_in_channel", "is_archived"];
    private static readonly HashSet<string> AuthErrors = ["invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive"];
    private static readonly HashSet<string> TransientErrors = ["ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"];

    public static SlackCallStatus Classify(string? error) => error switch
    {
        null => SlackCallStatus.Refused,
        _ when ChannelGoneErrors.Contains(error) => SlackCallStatus.ChannelGone,
        _ when AuthErrors.Contains(error) => SlackCallStatus.AuthFailed,
        _ when TransientErrors.Contains(error) => SlackCallStatus.Transient,
        _ => SlackCallStatus.Refused,
    };
}

/// <summary>The fields of a Web API answer the bot reads.</summary>
internal sealed record SlackApiResponse(bool Ok, string? Error, string? Ts, string? UserId, string? TeamId);

/// <summary>Body of chat.postMessage and chat.update.</summary>
internal sealed record ChatRequest(
    string Channel,
    string Text,
    IReadOnlyList<Block> Blocks,
    string? ThreadTs = null,
    string? Ts = null,
    [property: JsonPropertyName("unfurl_links")] bool? UnfurlLinks = false);

/// <summary>Body of a response_url post.</summary>
internal sealed record ResponseUrlRequest(string Text, IReadOnlyList<Block> Blocks, bool ReplaceOriginal, string? ResponseType);
