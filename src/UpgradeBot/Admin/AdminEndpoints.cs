using UpgradeBot.Core.Conversations;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Inbound;

namespace UpgradeBot.Admin;

public static class AdminEndpoints
{
    public const int MaxPageSize = 200;

    /// <summary>A note of the longest allowed length, escaped, with room to spare.</summary>
    private const int MaxChangeBodyBytes = 16 * 1024;

    /// <summary>The name a change made through the admin API is shown with, unless the caller gives one.</summary>
    private const string AdminName = "Customer Champions (admin API)";

    private const int MaxNameLength = 100;

    private static readonly JsonSerializerOptions BodyJson = new(JsonSerializerDefaults.Web) { MaxDepth = 4 };

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        // One filter for the life of the app: the generic overload would build one, hashing every key, per request.
        var admin = app.MapGroup("/api/admin").AddEndpointFilter(ActivatorUtilities.CreateInstance<AdminApiKeyFilter>(app.ServiceProvider));
        admin.MapGet("/escalations", ListEscalations);
        admin.MapGet("/escalations/{reference}", GetEscalation);
        admin.MapPost("/escalations/{reference}/acknowledge", (HttpRequest request, EscalationStates states, IEscalationStore store, string reference, CancellationToken cancellationToken) =>
            ChangeAsync(request, states, store, reference, EscalationState.Acknowledged, cancellationToken));
        admin.MapPost("/escalations/{reference}/resolve", (HttpRequest request, EscalationStates states, IEscalationStore store, string reference, CancellationToken cancellationToken) =>
            ChangeAsync(request, states, store, reference, EscalationState.Resolved, cancellationToken));
        admin.MapUpgradeAdmin();
        admin.MapCustomerAdmin();
        admin.MapCustomerDataAdmin();
        return app;
    }

    private static async Task<IResult> ListEscalations(IEscalationStore store, string? status, string? state, int? offset, int? limit, CancellationToken cancellationToken)
    {
        if (!TryParse<DeliveryStatus>(status, out var statusFilter))
        {
            return Results.Problem(statusCode: 400, title: "Unknown status", detail: "status must be one of pending, delivered, failed.");
        }

        if (!TryParse<EscalationState>(state, out var stateFilter))
        {
            return Results.Problem(statusCode: 400, title: "Unknown state", detail: "state must be one of open, acknowledged, resolved.");
        }

        if (offset is < 0 || limit is < 1 or > MaxPageSize)
        {
            return Results.Problem(statusCode: 400, title: "Bad paging", detail: $"offset must be 0 or more and limit between 1 and {MaxPageSize}.");
        }

        var page = await store.ListAsync(statusFilter, stateFilter, offset ?? 0, limit ?? 50, cancellationToken).ConfigureAwait(false);
        return Results.Ok(new { total = page.Total, offset = offset ?? 0, items = page.Items.Select(EscalationView.From) });
    }

    private static async Task<IResult> GetEscalation(IEscalationStore store, string reference, CancellationToken cancellationToken)
    {
        var escalation = await store.GetAsync(reference, cancellationToken).ConfigureAwait(false);
        return escalation is null ? NotFound(reference) : Results.Ok(await DetailAsync(store, escalation, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Acknowledge or resolve, by the same rules as the buttons: a state already reached changes
    /// nothing and answers with where it stands (<c>changed: false</c>).
    /// </summary>
    private static async Task<IResult> ChangeAsync(
        HttpRequest request, EscalationStates states, IEscalationStore store, string reference, EscalationState to, CancellationToken cancellationToken)
    {
        if (await ReadChangeAsync(request, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            return Results.Problem(
                statusCode: 400,
                title: "The body is not a change",
                detail: $"Send nothing, or a JSON object {{ \"note\": \"…\", \"by\": \"…\" }}: an optional note of at most {EscalationStateChange.MaxNoteLength} characters for the requester, and an optional name of at most {MaxNameLength} characters to show for who did it.");
        }

        var by = new EscalationActor(EscalationActor.AdminPlatform, "admin-api", body.By ?? AdminName);
        var result = await states.ChangeAsync(reference, to, by, from: null, body.Note, cancellationToken).ConfigureAwait(false);
        return result.Outcome switch
        {
            EscalationChangeOutcome.NotFound => NotFound(reference),
            EscalationChangeOutcome.Invalid => Results.Problem(statusCode: 400, title: result.Notice.Headline, detail: result.Notice.Text),
            _ => Results.Ok(new
            {
                changed = result.Outcome == EscalationChangeOutcome.Changed,
                message = $"{result.Notice.Headline} {result.Notice.Text}",
                escalation = await DetailAsync(store, result.Escalation!, cancellationToken).ConfigureAwait(false),
            }),
        };
    }

    /// <summary>Null for a body that is too large, not the expected JSON, or names someone in a way we cannot show; an empty body is no note.</summary>
    private static async Task<ChangeBody?> ReadChangeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (await BoundedBody.ReadAsync(request.Body, request.ContentLength, MaxChangeBodyBytes, cancellationToken).ConfigureAwait(false) is not { } bytes)
        {
            return null;
        }

        if (bytes.Length == 0)
        {
            return new ChangeBody(null, null);
        }

        ChangeBody? body;
        try
        {
            body = JsonSerializer.Deserialize<ChangeBody>(bytes, BodyJson);
        }
        catch (JsonException)
        {
            return null;
        }

        return body is not null && (body.By is null || (body.By.Trim().Length is > 0 and <= MaxNameLength && UserText.IsWellFormed(body.By)))
            ? body with { By = body.By?.Trim() }
            : null;
    }

    private static async Task<EscalationView> DetailAsync(IEscalationStore store, EscalationRecord escalation, CancellationToken cancellationToken)
    {
        var attempts = await store.ListAttemptsAsync(escalation.Reference, cancellationToken).ConfigureAwait(false);
        var updates = await store.ListUpdatesAsync(escalation.Reference, cancellationToken).ConfigureAwait(false);
        return EscalationView.From(escalation) with
        {
            Attempts = [.. attempts.Select(a => new AttemptView(a.Destination, a.Attempt, a.At, a.Succeeded, a.Error))],
            Updates = [.. updates.Select(u => new UpdateView(Camel(u.Event.ToString()), u.Destination, u.State.ToString().ToLowerInvariant(), u.Attempts, u.Error))],
        };
    }

    /// <summary>An optional filter: absent is null; a name (any case, never a number) is the value; anything else fails.</summary>
    private static bool TryParse<T>(string? text, out T? value)
        where T : struct, Enum
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!Enum.TryParse<T>(text, ignoreCase: true, out var parsed) || int.TryParse(text, out _))
        {
            return false;
        }

        value = parsed;
        return true;
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static IResult NotFound(string reference) =>
        Results.Problem(statusCode: 404, title: "No such escalation", detail: $"There is no escalation {reference}.");

    private sealed record ChangeBody(string? Note, string? By);

    private sealed record EscalationView(
        string Reference,
        string Status,
        string State,
        DateTimeOffset CreatedAt,
        string Platform,
        string TenantId,
        string UserId,
        string UserName,
        string ConversationId,
        string Question,
        DateTimeOffset AskedAt,
        string Topic,
        string Verdict,
        string? UpgradeId,
        string? CustomerAccount,
        string? SupportContact,
        string? TicketId,
        StateChangeView? Acknowledged,
        StateChangeView? Resolved,
        IReadOnlyList<AttemptView>? Attempts = null,
        IReadOnlyList<UpdateView>? Updates = null)
    {
        public static EscalationView From(EscalationRecord e) => new(
            e.Reference,
            e.Status.ToString().ToLowerInvariant(),
            e.State.ToString().ToLowerInvariant(),
            e.CreatedAt,
            e.Asker.Platform,
            e.Asker.TenantId,
            e.Asker.UserId,
            e.Asker.UserName,
            e.Asker.ConversationId,
            e.Context.Question,
            e.Context.AskedAt,
            e.Context.Topic,
            e.Context.Verdict,
            e.Context.UpgradeId,
            e.Customer?.AccountId,
            e.Customer?.SupportContact,
            e.TicketId,
            StateChangeView.From(e.Acknowledged),
            StateChangeView.From(e.Resolved));
    }

    private sealed record StateChangeView(string ByPlatform, string ById, string ByName, DateTimeOffset At, string? Note)
    {
        public static StateChangeView? From(EscalationStateChange? change) =>
            change is null ? null : new(change.By.Platform, change.By.Id, change.By.Name, change.At, change.Note);
    }

    private sealed record AttemptView(string Destination, int Attempt, DateTimeOffset At, bool Succeeded, string? Error);

    private sealed record UpdateView(string Event, string Destination, string State, int Attempts, string? Error);
}
