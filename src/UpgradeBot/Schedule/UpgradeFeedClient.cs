using System.Net;
using UpgradeBot.Core.Inbound;

namespace UpgradeBot.Schedule;

/// <summary>
/// One conditional GET of <c>UpgradeFeed:Url</c> per call; never retries (the next poll is the retry)
/// and never throws for what the feed does: every failure comes back as <see cref="FeedFetch.Failed"/>.
/// The time limit runs on the injected clock.
/// </summary>
public sealed class UpgradeFeedClient(HttpClient http, IOptions<UpgradeFeedOptions> options, TimeProvider time)
{
    /// <summary>Far more than any real page's maintenances; a bigger answer is not read.</summary>
    public const int MaxAnswerBytes = 4 * 1024 * 1024;

    public async Task<FeedFetch> FetchAsync(FeedValidators? validators, CancellationToken cancellationToken)
    {
        var feed = options.Value;
        using var timeout = new CancellationTokenSource(feed.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Get, feed.Url);
        request.Headers.Accept.ParseAdd("application/json");
        if (validators?.ETag is { } etag)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        if (validators?.LastModified is { } lastModified)
        {
            request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return FeedFetch.NotModified;
            }

            if (!response.IsSuccessStatusCode)
            {
                return new FeedFetch.Failed("http_status", $"answered HTTP {(int)response.StatusCode}");
            }

            await using var stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            var body = await BoundedBody.ReadAsync(stream, response.Content.Headers.ContentLength, MaxAnswerBytes, linked.Token).ConfigureAwait(false);
            if (body is null)
            {
                return new FeedFetch.Failed("too_large", $"answered more than {MaxAnswerBytes} bytes");
            }

            var validatorsNow = new FeedValidators(
                response.Headers.ETag?.ToString(),
                response.Content.Headers.TryGetValues("Last-Modified", out var modified) ? modified.FirstOrDefault() : null);
            return new FeedFetch.Fresh(body, validatorsNow);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new FeedFetch.Failed("timeout", $"did not answer within {feed.Timeout}");
        }
        catch (HttpRequestException e)
        {
            return new FeedFetch.Failed("unreachable", $"could not be reached ({e.HttpRequestError})");
        }
    }
}
