using UpgradeBot.Core.Inbound;

namespace UpgradeBot.Admin;

/// <summary><c>/api/admin/upgrades</c>: list, add, change and cancel upgrade windows at run time.</summary>
public static class UpgradeEndpoints
{
    /// <summary>An upgrade of the most phases allowed is a few kilobytes; this leaves room without letting a request cost much.</summary>
    private const int MaxBodyBytes = 64 * 1024;

    private static readonly JsonSerializerOptions BodyJson = new(JsonSerializerDefaults.Web) { MaxDepth = 8 };

    public static RouteGroupBuilder MapUpgradeAdmin(this RouteGroupBuilder admin)
    {
        admin.MapGet("/upgrades", List);
        admin.MapGet("/upgrades/{id}", Get);
        admin.MapPost("/upgrades", Add);
        admin.MapPut("/upgrades/{id}", Update);
        admin.MapPost("/upgrades/{id}/cancel", Cancel);
        return admin;
    }

    private static async Task<IResult> List(IUpgradeWindowStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var windows = await store.ListWithSourceAsync(cancellationToken).ConfigureAwait(false);
        return Results.Ok(new { items = windows.Select(w => UpgradeView.From(w.Window, w.Source, now)) });
    }

    private static async Task<IResult> Get(IUpgradeWindowStore store, TimeProvider time, string id, CancellationToken cancellationToken)
    {
        var windows = await store.ListWithSourceAsync(cancellationToken).ConfigureAwait(false);
        return windows.FirstOrDefault(w => w.Window.Id == id) is { Window: not null } found
            ? Results.Ok(UpgradeView.From(found.Window, found.Source, time.GetUtcNow()))
            : NotFound(id);
    }

    private static async Task<IResult> Add(HttpRequest request, UpgradeScheduleEditor editor, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await ReadAsync(request, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            return BadBody();
        }

        var edit = await editor.AddAsync(body, cancellationToken).ConfigureAwait(false);
        return edit.Outcome == ScheduleEditOutcome.AlreadyExists
            ? Results.Problem(statusCode: 409, title: "Upgrade exists", detail: $"Upgrade {edit.Window!.Id} exists already; change it with PUT /api/admin/upgrades/{edit.Window.Id}.")
            : Respond(edit, body.Id ?? string.Empty, time, created: true);
    }

    private static async Task<IResult> Update(HttpRequest request, UpgradeScheduleEditor editor, TimeProvider time, string id, CancellationToken cancellationToken)
    {
        if (await ReadAsync(request, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            return BadBody();
        }

        return Respond(await editor.UpdateAsync(id, body, cancellationToken).ConfigureAwait(false), id, time, created: false);
    }

    private static async Task<IResult> Cancel(UpgradeScheduleEditor editor, TimeProvider time, string id, CancellationToken cancellationToken) =>
        Respond(await editor.CancelAsync(id, cancellationToken).ConfigureAwait(false), id, time, created: false);

    private static IResult Respond(ScheduleEdit edit, string id, TimeProvider time, bool created) => edit.Outcome switch
    {
        ScheduleEditOutcome.Invalid => Results.ValidationProblem(
            new Dictionary<string, string[]> { [UpgradeScheduleEditor.ApiPath] = [.. edit.Errors] },
            detail: string.Join(" ", edit.Errors),
            title: "The upgrade is not valid"),
        ScheduleEditOutcome.NotFound => NotFound(id),
        _ when created => Results.Created($"/api/admin/upgrades/{edit.Window!.Id}", UpgradeView.From(edit.Window, UpgradeSource.Admin, time.GetUtcNow())),
        _ => Results.Ok(UpgradeView.From(edit.Window!, UpgradeSource.Admin, time.GetUtcNow())),
    };

    /// <summary>Null for a body that is too large or not a JSON object of the expected shape; never an exception (that would be a 500).</summary>
    private static async Task<UpgradeOptions?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (await BoundedBody.ReadAsync(request.Body, request.ContentLength, MaxBodyBytes, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<UpgradeOptions>(body, BodyJson);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult BadBody() => Results.Problem(
        statusCode: 400,
        title: "The body is not an upgrade",
        detail: "Send a JSON object of at most 64 KiB: { \"id\", \"title\", \"phases\": [{ \"name\", \"start\", \"end\" }], \"statusUrl\" } with ISO 8601 instants that carry an offset.");

    private static IResult NotFound(string id) => Results.Problem(statusCode: 404, title: "No such upgrade", detail: $"There is no upgrade {id}.");

    private sealed record PhaseView(string Name, DateTimeOffset Start, DateTimeOffset End);

    private sealed record UpgradeView(
        string Id,
        string Title,
        string Status,
        int Revision,
        bool Cancelled,
        string Source,
        Uri? StatusUrl,
        DateTimeOffset Start,
        DateTimeOffset End,
        IReadOnlyList<PhaseView> Phases)
    {
        public static UpgradeView From(UpgradeWindow w, UpgradeSource source, DateTimeOffset now) => new(
            w.Id,
            w.Title,
            w.StatusAt(now).ToWire(),
            w.Revision,
            w.Cancelled,
            source.ToString().ToLowerInvariant(),
            w.StatusUrl,
            w.Start,
            w.End,
            [.. w.Phases.Select(p => new PhaseView(p.Name, p.Start, p.End))]);
    }
}
