using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace UpgradeBot.Testing;

/// <summary>
/// A Zendesk-shaped help desk on 127.0.0.1: <c>POST /api/v2/tickets.json</c> with Basic
/// authentication as <c>{email}/token:{api token}</c>, answering 201 with the new ticket. Like
/// Zendesk it honours <c>Idempotency-Key</c>: the same key with the same body gets the first answer
/// again (header <c>x-idempotency-lookup: hit</c>), with another body a 400. It can be made to fail a
/// call with 503 before doing anything, or to make the ticket and then answer too late.
/// </summary>
public sealed class FakeHelpDesk : IAsyncDisposable
{
    public const string Email = "champions@vendor.example";
    public const string ApiToken = "zd-api-token-for-tests-7c1f09d2b84e";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (string Body, JsonObject Answer)> _byKey = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _nextId = 4710;

    private FakeHelpDesk(WebApplication app) => _app = app;

    /// <summary>What a call can be made to do instead of answering at once.</summary>
    public enum Fault
    {
        /// <summary>503 before anything is done.</summary>
        Unavailable,

        /// <summary>The ticket is made, but the answer comes after <see cref="LateBy"/>: the caller has given up by then.</summary>
        AnswerTooLate,
    }

    public sealed record Call(string? Authorization, string? IdempotencyKey, JsonNode? Body, bool IdempotencyHit);

    /// <summary>The next calls' faults, in order; calls after them are answered normally.</summary>
    public ConcurrentQueue<Fault> Faults { get; } = new();

    public TimeSpan LateBy { get; set; } = TimeSpan.FromSeconds(5);

    public ConcurrentQueue<Call> Calls { get; } = new();

    /// <summary>Every ticket made, by id, as it was requested.</summary>
    public ConcurrentDictionary<long, JsonObject> Tickets { get; } = new();

    /// <summary>The help desk's address, as <c>Escalation:Zendesk:Url</c>.</summary>
    public string Url { get; private set; } = string.Empty;

    public static async Task<FakeHelpDesk> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var desk = new FakeHelpDesk(builder.Build());
        desk._app.MapPost("/api/v2/tickets.json", (Func<HttpContext, Task<IResult>>)desk.CreateAsync);
        await desk._app.StartAsync();
        desk.Url = desk._app.Urls.Single();
        return desk;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<IResult> CreateAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        var key = request.Headers["Idempotency-Key"].ToString();
        var authorization = request.Headers.Authorization.ToString();
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Email}/token:{ApiToken}"));
        if (authorization != expected)
        {
            Calls.Enqueue(new Call(authorization, key, JsonNode.Parse(text), false));
            return Results.Json(new { error = "Couldn't authenticate you" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        Fault? fault = Faults.TryDequeue(out var next) ? next : null;
        if (fault == Fault.Unavailable)
        {
            Calls.Enqueue(new Call(authorization, key, JsonNode.Parse(text), false));
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        JsonObject answer;
        bool hit;
        lock (_gate)
        {
            var earlier = key.Length > 0 && _byKey.TryGetValue(key, out var known) ? known : ((string Body, JsonObject Answer)?)null;
            hit = earlier is not null;
            if (earlier is { } seen && seen.Body != text)
            {
                Calls.Enqueue(new Call(authorization, key, JsonNode.Parse(text), true));
                return Results.Json(new { error = "IdempotentRequestError", description = "Request parameters don't match the original request" }, statusCode: StatusCodes.Status400BadRequest);
            }

            if (earlier is { } first)
            {
                answer = first.Answer;
            }
            else
            {
                var id = Interlocked.Increment(ref _nextId);
                var ticket = (JsonObject)JsonNode.Parse(text)!["ticket"]!.DeepClone();
                Tickets[id] = ticket;
                var created = (JsonObject)ticket.DeepClone();
                created["id"] = id;
                created["status"] = "new";
                answer = new JsonObject { ["ticket"] = created };
                if (key.Length > 0)
                {
                    _byKey[key] = (text, answer);
                }
            }
        }

        Calls.Enqueue(new Call(authorization, key, JsonNode.Parse(text), hit));
        if (fault == Fault.AnswerTooLate)
        {
            try
            {
                await Task.Delay(LateBy, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The caller stopped waiting: the ticket exists all the same, as with a lost answer.
                return Results.Empty;
            }
        }

        if (hit)
        {
            context.Response.Headers["x-idempotency-lookup"] = "hit";
        }

        return Results.Json(answer, statusCode: StatusCodes.Status201Created);
    }
}
