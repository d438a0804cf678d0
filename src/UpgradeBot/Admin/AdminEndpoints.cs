using UpgradeBot.Core.Escalation;

namespace UpgradeBot.Admin;

public static class AdminEndpoints
{
    public const int MaxPageSize = 200;

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        // One filter for the life of the app: the generic overload would build one, hashing every key, per request.
        var admin = app.MapGroup("/api/admin").AddEndpointFilter(ActivatorUtilities.CreateInstance<AdminApiKeyFilter>(app.ServiceProvider));
        admin.MapGet("/escalations", ListEscalations);
        admin.MapGet("/escalations/{reference}", GetEscalation);
        admin.MapUpgradeAdmin();
        admin.MapCustomerDataAdmin();
        return app;
    }

    private static async Task<IResult> ListEscalations(IEscalationStore store, string? status, int? offset, int? limit, CancellationToken cancellationToken)
    {
        DeliveryStatus? filter = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<DeliveryStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
            {
                return Results.Problem(statusCode: 400, title: "Unknown status", detail: "status must be one of pending, delivered, failed.");
            }

            filter = parsed;
        }

        if (offset is < 0 || limit is < 1 or > MaxPageSize)
        {
            return Results.Problem(statusCode: 400, title: "Bad paging", detail: $"offset must be 0 or more and limit between 1 and {MaxPageSize}.");
        }

        var page = await store.ListAsync(filter, offset ?? 0, limit ?? 50, cancellationToken).ConfigureAwait(false);
        return Results.Ok(new { total = page.Total, offset = offset ?? 0, items = page.Items.Select(EscalationView.From) });
    }

    private static async Task<IResult> GetEscalation(IEscalationStore store, string reference, CancellationToken cancellationToken)
    {
        var escalation = await store.GetAsync(reference, cancellationToken).ConfigureAwait(false);
        if (escalation is null)
        {
            return Results.Problem(statusCode: 404, title: "No such escalation", detail: $"There is no escalation {reference}.");
        }

        var attempts = await store.ListAttemptsAsync(reference, cancellationToken).ConfigureAwait(false);
        return Results.Ok(EscalationView.From(escalation) with { Attempts = attempts.Select(a => new AttemptView(a.Destination, a.Attempt, a.At, a.Succeeded, a.Error)).ToArray() });
    }

    private sealed record EscalationView(
        string Reference,
        string Status,
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
        IReadOnlyList<AttemptView>? Attempts = null)
    {
        public static EscalationView From(EscalationRecord e) => new(
            e.Reference,
            e.Status.ToString().ToLowerInvariant(),
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
            e.Context.UpgradeId);
    }

    private sealed record AttemptView(string Destination, int Attempt, DateTimeOffset At, bool Succeeded, string? Error);
}
