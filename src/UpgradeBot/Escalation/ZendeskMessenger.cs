using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Serialization;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Messaging;
using UpgradeBot.Core.Subscriptions;

namespace UpgradeBot.Escalation;

/// <summary>
/// Opens a Zendesk ticket for each new escalation (<c>POST {Url}/api/v2/tickets.json</c>, Basic
/// authentication as <c>{Email}/token:{ApiToken}</c>), and hands back the ticket's id. The
/// <c>Idempotency-Key</c> header is the escalation's reference, so a retry after an answer that
/// never arrived gets the first ticket back instead of a second one; for that the request is built
/// only from what never changes about the escalation. Classifies the answer and never retries.
/// </summary>
public sealed class ZendeskMessenger(HttpClient http, IOptions<ZendeskOptions> options) : IHelpDesk
{
    public const string Name = "zendesk";
    public const string TicketsPath = "api/v2/tickets.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly ZendeskOptions _zendesk = options.Value;

    public string Platform => Name;

    public ConversationAddress? Champions => _zendesk.Enabled
        ? new ConversationAddress(new ConversationKey(Name, string.Empty, _zendesk.Url!), string.Empty)
        : null;

    public async Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        if (message.Content is not EscalationNotice { Event: null, Escalation: var escalation } || !_zendesk.Enabled)
        {
            return SendResult.Permanent("the help desk takes new escalations only, and only when Escalation:Zendesk:Url is set");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(_zendesk.Url!.TrimEnd('/') + "/"), TicketsPath))
        {
            Content = JsonContent(TicketFor(escalation)),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_zendesk.Email}/token:{_zendesk.ApiToken}")));
        request.Headers.Add("Idempotency-Key", escalation.Reference);

        // 409: the help desk is still working on a request with the same key; asking again later gets its answer.
        return await HttpSink.SendAsync(http, request, "the help desk", _zendesk.Timeout, TicketIdAsync, cancellationToken, HttpStatusCode.Conflict).ConfigureAwait(false);
    }

    /// <summary>
    /// The ticket for an escalation. Its requester is the customer's support contact when the
    /// customer registered one (support takes cases from those), else the person who escalated.
    /// </summary>
    private static TicketRequest TicketFor(EscalationRecord escalation)
    {
        var requester = escalation.Customer?.SupportContact is { Length: > 0 } contact
            ? new TicketRequester(contact, contact)
            : new TicketRequester(escalation.Asker.UserName.Length > 0 ? escalation.Asker.UserName : escalation.Asker.UserId, null);
        return new TicketRequest(new Ticket(
            EscalationWording.TicketSubject(escalation),
            new TicketComment(EscalationWording.TicketBody(escalation)),
            requester,
            escalation.Reference,
            ["upgradebot", escalation.Context.Topic]));
    }

    private static ByteArrayContent JsonContent(TicketRequest ticket)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(ticket, Json));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    /// <summary>The new ticket's id from the answer (<c>{"ticket":{"id":123,…}}</c>); null when the answer does not say.</summary>
    private static async Task<string?> TicketIdAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
            return document.RootElement is { ValueKind: JsonValueKind.Object } root
                && root.TryGetProperty("ticket", out var ticket) && ticket.ValueKind == JsonValueKind.Object
                && ticket.TryGetProperty("id", out var id)
                    ? id.ValueKind switch
                    {
                        JsonValueKind.Number => id.GetRawText(),
                        JsonValueKind.String => id.GetString(),
                        _ => null,
                    }
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record TicketRequest(Ticket Ticket);

    private sealed record Ticket(string Subject, TicketComment Comment, TicketRequester Requester, string ExternalId, IReadOnlyList<string> Tags);

    private sealed record TicketComment(string Body);

    private sealed record TicketRequester(string Name, string? Email);
}
