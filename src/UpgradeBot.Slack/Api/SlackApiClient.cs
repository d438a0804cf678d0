using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UpgradeBot.Slack.BlockKit;

namespace UpgradeBot.Slack.Api;

/// <summary>
/// The handful of Slack Web API methods the bot calls, on <c>Slack:ApiBaseUrl</c> with
/// <c>Slack:BotToken</c>. One call per method call: it never retries and never throws for a Slack
/// refusal or a network failure; the result says what happened, and the caller's queue decides.
/// </summary>
public sealed partial class SlackApiClient(HttpClient http, IOptionsMonitor<SlackOptions> options, ILogger<SlackApiClient> logger)
{
    public async Task<(SlackCallResult Result, SlackBotIdentity? Identity)> AuthTestAsync(CancellationToken cancellationToken)
    {
        var (result, response) = await CallAsync("auth.test", new { }, cancellationToken).ConfigureAwait(false);
        return response is { Ok: true, UserId.Length: > 0, TeamId.Length: > 0 }
            ? (result, new SlackBotIdentity(response.UserId, response.TeamId))
            : (result, null);
    }

    public async Task<SlackCallResult> PostMessageAsync(string channel, SlackMessage message, string? threadTs, CancellationToken cancellationToken) =>
        (await CallAsync("chat.postMessage", new ChatRequest(channel, message.Text, message.Blocks, ThreadTs: threadTs), cancellationToken).ConfigureAwait(false)).Result;

    public async Task<SlackCallResult> UpdateAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken) =>
        (await CallAsync("chat.update", new ChatRequest(channel, message.Text, message.Blocks, Ts: ts, UnfurlLinks: null), cancellationToken).ConfigureAwait(false)).Result;

    /// <summary>
    /// Posts to an interaction's <c>response_url</c> (no token needed; Slack allows five uses in 30
    /// minutes). <paramref name="replaceOriginal"/> swaps the message the button was on; otherwise
    /// the message goes to the clicker alone.
    /// </summary>
    public async Task<SlackCallResult> RespondAsync(Uri responseUrl, SlackMessage message, bool replaceOriginal, CancellationToken cancellationToken)
    {
        var body = new ResponseUrlRequest(message.Text, message.Blocks, replaceOriginal, replaceOriginal ? null : "ephemeral");
        return (await SendAsync("response_url", Request(responseUrl, body, withToken: false), cancellationToken).ConfigureAwait(false)).Result;
    }

    private async Task<(SlackCallResult Result, SlackApiResponse? Response)> CallAsync(string method, object body, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.CurrentValue.BotToken))
        {
            LogNoToken(method);
            return (new SlackCallResult(SlackCallStatus.AuthFailed, "not_authed"), null);
        }

        return await SendAsync(method, Request(new Uri(BaseUrl(), method), body, withToken: true), cancellationToken).ConfigureAwait(false);
    }

    private async Task<(SlackCallResult Result, SlackApiResponse? Response)> SendAsync(string method, HttpRequestMessage request, CancellationToken cancellationToken)
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

            var parsed = await ReadAsync(response, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                LogHttpFailure(method, (int)response.StatusCode);
                return (new SlackCallResult(SlackCallStatus.Refused, parsed?.Error ?? $"http_{(int)response.StatusCode}"), parsed);
            }

            // A response_url answers with a bare "ok"; the Web API always with JSON.
            if (parsed is null || parsed.Ok)
            {
                return (new SlackCallResult(SlackCallStatus.Ok, Ts: parsed?.Ts), parsed);
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

    private HttpRequestMessage Request(Uri url, object body, bool withToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(body, body.GetType(), new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" }, SlackJson.Options),
        };
        if (withToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.CurrentValue.BotToken);
        }

        return request;
    }

    private Uri BaseUrl()
    {
        var url = options.CurrentValue.ApiBaseUrl.AbsoluteUri;
        return new Uri(url.EndsWith('/') ? url : url + "/");
    }

    private static async Task<SlackApiResponse?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return text.TrimStart().StartsWith('{') ? JsonSerializer.Deserialize<SlackApiResponse>(text, SlackJson.Options) : null;
        }
        catch (JsonException)
        {
            return null;
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack refused Slack:BotToken on {Method} ({Error}): the token is wrong or revoked; set Slack:BotToken to the app's Bot User OAuth Token (xoxb-…)")]
    private partial void LogAuthFailed(string method, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack:BotToken is empty, so {Method} was not called; set it to the app's Bot User OAuth Token (xoxb-…)")]
    private partial void LogNoToken(string method);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} returned ok:false with {Error}")]
    private partial void LogRefusedCall(string method, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack rate-limited {Method}; Retry-After {RetryAfterSeconds} s")]
    private partial void LogRateLimited(string method, double retryAfterSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} answered HTTP {StatusCode}")]
    private partial void LogHttpFailure(string method, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} could not be reached ({ErrorType})")]
    private partial void LogUnreachable(string method, string errorType);
}
