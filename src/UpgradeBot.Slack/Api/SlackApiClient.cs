using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace UpgradeBot.Slack.Api;

/// <summary>
/// The handful of Slack Web API methods the bot calls, on <c>Slack:ApiBaseUrl</c>, each with the
/// token of the installation it acts for (the OAuth methods with the app's client id and secret).
/// One call per method call: it never retries and never throws for a Slack refusal or a network
/// failure; the result says what happened, and the caller's queue decides. Tokens, codes and the
/// client secret go in headers and bodies only, never in a URL or a log line.
/// </summary>
public sealed partial class SlackApiClient(HttpClient http, IOptionsMonitor<SlackOptions> options, ILogger<SlackApiClient> logger)
{
    private const string OAuthMethod = "oauth.v2.access";

    public async Task<(SlackCallResult Result, SlackAuthTest? Identity)> AuthTestAsync(SlackToken token, CancellationToken cancellationToken)
    {
        var (result, response) = await SendAsync<SlackApiResponse>("auth.test", Json("auth.test", new { }, token), cancellationToken).ConfigureAwait(false);
        return response is { Ok: true, UserId.Length: > 0 }
            ? (result, new SlackAuthTest(response.UserId, response.BotId, response.TeamId, response.Team, response.EnterpriseId, response.IsEnterpriseInstall))
            : (result, null);
    }

    public async Task<SlackCallResult> PostMessageAsync(SlackCredentials credentials, string channel, SlackMessage message, string? threadTs, CancellationToken cancellationToken) =>
        (await SendAsync<SlackApiResponse>(
            "chat.postMessage",
            Json("chat.postMessage", new ChatRequest(channel, message.Text, message.Blocks, ThreadTs: threadTs, TeamId: credentials.TeamId), credentials.Token),
            cancellationToken).ConfigureAwait(false)).Result;

    public async Task<SlackCallResult> UpdateAsync(SlackCredentials credentials, string channel, string ts, SlackMessage message, CancellationToken cancellationToken) =>
        (await SendAsync<SlackApiResponse>(
            "chat.update",
            Json("chat.update", new ChatRequest(channel, message.Text, message.Blocks, Ts: ts, UnfurlLinks: null, TeamId: credentials.TeamId), credentials.Token),
            cancellationToken).ConfigureAwait(false)).Result;

    /// <summary>users.info: whether the person is an admin or owner of the workspace or its organization (needs <c>users:read</c>).</summary>
    public async Task<(SlackCallResult Result, SlackUser? User)> UsersInfoAsync(SlackCredentials credentials, string userId, CancellationToken cancellationToken)
    {
        // users.info reads form fields, not a JSON body.
        var request = new HttpRequestMessage(HttpMethod.Post, Method("users.info")) { Content = new FormUrlEncodedContent([new("user", userId)]) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credentials.Token.Value);
        var (result, response) = await SendAsync<SlackUsersInfoResponse>("users.info", request, cancellationToken).ConfigureAwait(false);
        return response is { Ok: true, User: { } user }
            ? (result, new SlackUser(user.Id ?? userId, user.IsAdministrator))
            : (result, null);
    }

    /// <summary>views.open: shows a modal to whoever caused <paramref name="triggerId"/>, which Slack honours for 3 seconds.</summary>
    public async Task<SlackCallResult> OpenViewAsync(SlackCredentials credentials, string triggerId, SlackView view, CancellationToken cancellationToken) =>
        (await SendAsync<SlackApiResponse>("views.open", Json("views.open", new ViewRequest(view, TriggerId: triggerId), credentials.Token), cancellationToken).ConfigureAwait(false)).Result;

    /// <summary>views.publish: replaces what <paramref name="userId"/> sees on the app's Home tab.</summary>
    public async Task<SlackCallResult> PublishViewAsync(SlackCredentials credentials, string userId, SlackView view, CancellationToken cancellationToken) =>
        (await SendAsync<SlackApiResponse>("views.publish", Json("views.publish", new ViewRequest(view, UserId: userId), credentials.Token), cancellationToken).ConfigureAwait(false)).Result;

    /// <summary>
    /// Posts to an interaction's <c>response_url</c> (no token needed; Slack allows five uses in 30
    /// minutes). <paramref name="replaceOriginal"/> swaps the message the button was on; otherwise
    /// the message goes to the clicker alone.
    /// </summary>
    public async Task<SlackCallResult> RespondAsync(Uri responseUrl, SlackMessage message, bool replaceOriginal, CancellationToken cancellationToken)
    {
        var body = new ResponseUrlRequest(message.Text, message.Blocks, replaceOriginal, replaceOriginal ? null : "ephemeral");
        return (await SendAsync<SlackApiResponse>("response_url", Json(responseUrl, body), cancellationToken).ConfigureAwait(false)).Result;
    }

    /// <summary>oauth.v2.access with the code Slack's authorize page handed the browser: the new installation's tokens.</summary>
    public async Task<(SlackCallResult Result, SlackOAuthGrant? Grant)> ExchangeCodeAsync(string code, Uri redirectUri, CancellationToken cancellationToken)
    {
        var (result, response) = await OAuthAsync([new("code", code), new("redirect_uri", redirectUri.AbsoluteUri)], cancellationToken).ConfigureAwait(false);
        if (result.Status != SlackCallStatus.Ok || response is null)
        {
            return (result, null);
        }

        if (response is not { AccessToken.Length: > 0, BotUserId.Length: > 0, TokenType: "bot" or null }
            || (response.IsEnterpriseInstall ? response.Enterprise?.Id is not { Length: > 0 } : response.Team?.Id is not { Length: > 0 }))
        {
            LogIncompleteGrant();
            return (new SlackCallResult(SlackCallStatus.Refused, "incomplete_grant"), null);
        }

        return (result, new SlackOAuthGrant(
            new SlackToken(response.AccessToken),
            response.Scope ?? string.Empty,
            response.BotUserId,
            response.Team?.Id,
            response.Team?.Name,
            response.Enterprise?.Id,
            response.Enterprise?.Name,
            response.IsEnterpriseInstall,
            response.AuthedUser?.Id,
            response.RefreshToken is { Length: > 0 } refresh ? new SlackToken(refresh) : null,
            response.ExpiresIn is > 0 and var seconds ? TimeSpan.FromSeconds(seconds) : null));
    }

    /// <summary>
    /// oauth.v2.access with <c>grant_type=refresh_token</c>: the next bot token, its lifetime and the
    /// next refresh token (the one given is used up). Only those three are read: Slack may leave the rest out.
    /// </summary>
    public async Task<(SlackCallResult Result, SlackRefreshedToken? Refreshed)> RefreshAsync(SlackToken refreshToken, CancellationToken cancellationToken)
    {
        var (result, response) = await OAuthAsync([new("grant_type", "refresh_token"), new("refresh_token", refreshToken.Value)], cancellationToken).ConfigureAwait(false);
        if (result.Status != SlackCallStatus.Ok || response is null)
        {
            return (result, null);
        }

        if (response is not { AccessToken.Length: > 0, RefreshToken.Length: > 0, ExpiresIn: > 0 })
        {
            LogIncompleteGrant();
            return (new SlackCallResult(SlackCallStatus.Refused, "incomplete_grant"), null);
        }

        return (result, new SlackRefreshedToken(new SlackToken(response.AccessToken), new SlackToken(response.RefreshToken), TimeSpan.FromSeconds(response.ExpiresIn.Value)));
    }

    private Task<(SlackCallResult Result, SlackOAuthResponse? Response)> OAuthAsync(KeyValuePair<string, string>[] fields, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var request = new HttpRequestMessage(HttpMethod.Post, Method(OAuthMethod)) { Content = new FormUrlEncodedContent(fields) };
        // Slack asks for the client credentials as HTTP Basic authentication rather than form fields.
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.ClientId}:{settings.ClientSecret}")));
        return SendAsync<SlackOAuthResponse>(OAuthMethod, request, cancellationToken);
    }

    private async Task<(SlackCallResult Result, T? Response)> SendAsync<T>(string method, HttpRequestMessage request, CancellationToken cancellationToken)
        where T : SlackResponse
    {
        HttpResponseMessage response;
        try
        {
            using (request)
            {
                response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnreachable(method, e.GetType().Name);
            return (new SlackCallResult(SlackCallStatus.Transient, "unreachable"), null);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var retryAfter = RetryAfter(response);
                LogRateLimited(method, retryAfter.TotalSeconds);
                return (new SlackCallResult(SlackCallStatus.Transient, "ratelimited", RetryAfter: retryAfter), null);
            }

            if ((int)response.StatusCode >= 500)
            {
                LogHttpFailure(method, (int)response.StatusCode);
                return (new SlackCallResult(SlackCallStatus.Transient, $"http_{(int)response.StatusCode}"), null);
            }

            var parsed = await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                LogHttpFailure(method, (int)response.StatusCode);
                return (new SlackCallResult(SlackCallStatus.Refused, parsed?.Error ?? $"http_{(int)response.StatusCode}"), parsed);
            }

            // A response_url answers with a bare "ok"; the Web API always with JSON.
            if (parsed is null || parsed.Ok)
            {
                return (new SlackCallResult(SlackCallStatus.Ok, Ts: (parsed as SlackApiResponse)?.Ts), parsed);
            }

            var status = SlackCallResult.Classify(parsed.Error);
            if (status == SlackCallStatus.AuthFailed)
            {
                LogAuthFailed(method, parsed.Error);
            }
            else
            {
                LogRefusedCall(method, parsed.Error);
            }

            return (new SlackCallResult(status, parsed.Error), parsed);
        }
    }

    private HttpRequestMessage Json(string method, object body, SlackToken token)
    {
        var request = Json(Method(method), body);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        return request;
    }

    private static HttpRequestMessage Json(Uri url, object body) => new(HttpMethod.Post, url)
    {
        Content = JsonContent.Create(body, body.GetType(), new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" }, SlackJson.Options),
    };

    private Uri Method(string method)
    {
        var url = options.CurrentValue.ApiBaseUrl.AbsoluteUri;
        return new Uri(new Uri(url.EndsWith('/') ? url : url + "/"), method);
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return text.TrimStart().StartsWith('{') ? JsonSerializer.Deserialize<T>(text, SlackJson.Options) : default;
        }
        catch (JsonException)
        {
            return default;
        }
    }

    /// <summary>Slack sends Retry-After in seconds; without one, wait a second.</summary>
    private static TimeSpan RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter?.Delta is { } delta)
        {
            return delta;
        }

        return response.Headers.TryGetValues("Retry-After", out var values)
               && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromSeconds(1);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack refused the token on {Method} ({Error})")]
    private partial void LogAuthFailed(string method, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} returned ok:false with {Error}")]
    private partial void LogRefusedCall(string method, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack oauth.v2.access answered ok without the tokens, bot user or workspace it should name; for an install, the app must ask for bot scopes")]
    private partial void LogIncompleteGrant();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack rate-limited {Method}; Retry-After {RetryAfterSeconds} s")]
    private partial void LogRateLimited(string method, double retryAfterSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} answered HTTP {StatusCode}")]
    private partial void LogHttpFailure(string method, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} could not be reached ({ErrorType})")]
    private partial void LogUnreachable(string method, string errorType);
}
