using System.Globalization;
using System.Net;
using UpgradeBot.Core.Messaging;

namespace UpgradeBot.Escalation;

/// <summary>
/// One call to an HTTP receiver of escalations (the webhook, the help desk), classified the way the
/// outbox needs: 2xx sent; 5xx, 429, 408 (and what <paramref name="alsoRetry"/> adds), no answer
/// within the timeout, or no connection are worth another try; any other answer is final. Errors
/// name the status only, never the request's URL or headers.
/// </summary>
internal static class HttpSink
{
    /// <param name="name">How errors name the receiver: "the webhook", "the help desk".</param>
    /// <param name="messageId">Reads the id of what was created from a 2xx answer.</param>
    public static async Task<SendResult> SendAsync(
        HttpClient http,
        HttpRequestMessage request,
        string name,
        TimeSpan timeout,
        Func<HttpResponseMessage, CancellationToken, Task<string?>>? messageId,
        CancellationToken cancellationToken,
        params HttpStatusCode[] alsoRetry)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            using var response = await http.SendAsync(request, limit.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return SendResult.Sent(messageId is null ? null : await messageId(response, limit.Token).ConfigureAwait(false));
            }

            var error = $"{name} answered {status} {response.ReasonPhrase}";
            return status >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || alsoRetry.Contains(response.StatusCode)
                ? SendResult.RetryLater(error, response.Headers.RetryAfter?.Delta)
                : SendResult.Permanent(error);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SendResult.RetryLater(string.Create(CultureInfo.InvariantCulture, $"{name} did not answer within {timeout.TotalSeconds:0.#} s"));
        }
        catch (HttpRequestException e)
        {
            return SendResult.RetryLater($"{name} could not be reached ({e.HttpRequestError})");
        }
    }
}
