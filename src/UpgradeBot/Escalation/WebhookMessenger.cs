using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Messaging;
using UpgradeBot.Core.Subscriptions;

namespace UpgradeBot.Escalation;

/// <summary>
/// Posts each escalation, and each of its state changes, as JSON to <c>Escalation:Webhook:Url</c>,
/// signed so the receiver can tell it came from us: <c>X-UpgradeBot-Signature: sha256=HEX(HMAC-SHA256(secret, raw body))</c>.
/// </summary>
public sealed class WebhookMessenger(HttpClient http, IOptions<WebhookOptions> options, TimeProvider time) : IMessenger
{
    public const string SignatureHeader = "X-UpgradeBot-Signature";
    public const string TimestampHeader = "X-UpgradeBot-Timestamp";
    public const string ReferenceHeader = "X-UpgradeBot-Reference";
    public const string EventHeader = "X-UpgradeBot-Event";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly WebhookOptions _webhook = options.Value;

    public string Platform => "webhook";

    public ConversationAddress? Champions => string.IsNullOrWhiteSpace(_webhook.Url)
        ? null
        : new ConversationAddress(new ConversationKey(Platform, string.Empty, _webhook.Url), string.Empty);

    public async Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        if (message.Content is not EscalationNotice { Escalation: var escalation, Event: var happened and not EscalationEvent.TicketOpened } || Champions is null)
        {
            return SendResult.Permanent("the webhook only takes escalations and their state changes, and only when Escalation:Webhook:Url is set");
        }

        var payload = WebhookPayload.From(escalation, happened);
        var body = JsonSerializer.SerializeToUtf8Bytes(payload, Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, _webhook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        request.Headers.Add(SignatureHeader, Sign(body, _webhook.Secret ?? string.Empty));
        request.Headers.Add(TimestampHeader, time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(ReferenceHeader, escalation.Reference);
        request.Headers.Add(EventHeader, payload.Event);

        return await HttpSink.SendAsync(http, request, "the webhook", _webhook.Timeout, messageId: null, cancellationToken).ConfigureAwait(false);
    }

    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
