using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using UpgradeBot.Core.Configuration;
using UpgradeBot.Core.Escalation;

namespace UpgradeBot.Escalation;

/// <summary>
/// Posts each escalation as JSON to <c>Escalation:Webhook:Url</c>, signed so the receiver can tell
/// it came from us: <c>X-UpgradeBot-Signature: sha256=HEX(HMAC-SHA256(secret, raw body))</c>.
/// </summary>
public sealed class WebhookNotifier(HttpClient http, IOptions<EscalationOptions> options, TimeProvider time) : IChampionNotifier
{
    public const string SignatureHeader = "X-UpgradeBot-Signature";
    public const string TimestampHeader = "X-UpgradeBot-Timestamp";
    public const string ReferenceHeader = "X-UpgradeBot-Reference";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly WebhookOptions _webhook = options.Value.Webhook;

    public string Destination => "webhook";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(_webhook.Url);

    public async Task NotifyAsync(EscalationRecord escalation, CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(WebhookPayload.From(escalation), Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, _webhook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        request.Headers.Add(SignatureHeader, Sign(body, _webhook.Secret ?? string.Empty));
        request.Headers.Add(TimestampHeader, time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(ReferenceHeader, escalation.Reference);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_webhook.Timeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ChampionDeliveryException($"the webhook did not answer within {_webhook.Timeout.TotalSeconds:0} s", permanent: false, e);
        }
        catch (HttpRequestException e)
        {
            throw new ChampionDeliveryException($"the webhook could not be reached ({e.HttpRequestError})", permanent: false, e);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            var retryable = status >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;
            throw new ChampionDeliveryException($"the webhook answered {status} {response.ReasonPhrase}", permanent: !retryable);
        }
    }

    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}

/// <summary>What Customer Champions' receiver gets: the reference and the whole context of the question.</summary>
public sealed record WebhookPayload(
    string Reference,
    DateTimeOffset CreatedAt,
    WebhookRequester Requester,
    string Question,
    DateTimeOffset AskedAt,
    string Topic,
    string Verdict,
    string? UpgradeId)
{
    public static WebhookPayload From(EscalationRecord e) => new(
        e.Reference,
        e.CreatedAt,
        new WebhookRequester(e.Asker.Platform, e.Asker.TenantId, e.Asker.UserId, e.Asker.UserName, e.Asker.ConversationId),
        e.Context.Question,
        e.Context.AskedAt,
        e.Context.Topic,
        e.Context.Verdict,
        e.Context.UpgradeId);
}

public sealed record WebhookRequester(string Platform, string TenantId, string UserId, string UserName, string ConversationId);
