using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace UpgradeBot.Testing;

/// <summary>
/// A Bot Connector stand-in: a real HTTP server on 127.0.0.1 that records every call the bot makes
/// and answers like the connector (an id for posts, a member of the roster with the role set in
/// <see cref="Roles"/>), or with a status set per conversation.
/// </summary>
public sealed class FakeConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ConnectorCall> _calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<HttpStatusCode>> _scripted = new(StringComparer.Ordinal);
    private int _nextId;

    private FakeConnector(WebApplication app) => _app = app;

    public string ServiceUrl { get; private set; } = string.Empty;

    public IReadOnlyList<ConnectorCall> Calls => [.. _calls];

    /// <summary>The roster's <c>userRole</c> of a member by their Teams user id; anyone else is a "user".</summary>
    public ConcurrentDictionary<string, string> Roles { get; } = new(StringComparer.Ordinal);

    public static async Task<FakeConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var connector = new FakeConnector(builder.Build());
        connector._app.Run(connector.HandleAsync);
        await connector._app.StartAsync();
        connector.ServiceUrl = connector._app.Urls.Single() + "/";
        return connector;
    }

    /// <summary>The next calls into <paramref name="conversationId"/> get these statuses, in order, then 200s.</summary>
    public void Answer(string conversationId, params HttpStatusCode[] statuses) =>
        _scripted[conversationId] = new ConcurrentQueue<HttpStatusCode>(statuses);

    public IReadOnlyList<ConnectorCall> CallsTo(string conversationId) =>
        [.. Calls.Where(c => c.ConversationId == conversationId)];

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var path = context.Request.Path.Value ?? string.Empty;

        // /v3/conversations/{conversationId}/activities[/{activityId}]
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var conversationId = segments.Length > 2 ? Uri.UnescapeDataString(segments[2]) : string.Empty;
        var activityId = segments.Length > 4 ? Uri.UnescapeDataString(segments[4]) : null;

        // A post (new message or reply) gets a new id; an update keeps the one it names.
        var id = context.Request.Method == "PUT" ? activityId : $"msg-{Interlocked.Increment(ref _nextId)}";
        _calls.Enqueue(new ConnectorCall(
            context.Request.Method,
            path,
            conversationId,
            activityId,
            string.IsNullOrEmpty(body) ? null : JsonNode.Parse(body),
            context.Request.Headers.Authorization.ToString(),
            id));

        if (_scripted.TryGetValue(conversationId, out var statuses) && statuses.TryDequeue(out var status))
        {
            context.Response.StatusCode = (int)status;
            await context.Response.WriteAsJsonAsync(new { error = new { code = status.ToString(), message = "scripted by the test" } });
            return;
        }

        // GET /v3/conversations/{conversationId}/members/{userId}: the roster's word on one member.
        if (context.Request.Method == "GET" && segments.Length == 5 && segments[3] == "members")
        {
            var userId = Uri.UnescapeDataString(segments[4]);
            await context.Response.WriteAsJsonAsync(new { id = userId, name = "Member", aadObjectId = $"aad-{userId}", tenantId = "tenant-1", userRole = Roles.GetValueOrDefault(userId, "user") });
            return;
        }
        await context.Response.WriteAsJsonAsync(new { id });
    }
}

/// <param name="AnsweredId">The id the connector answered with (unless a scripted status answered instead).</param>
public sealed record ConnectorCall(string Method, string Path, string ConversationId, string? ActivityId, JsonNode? Body, string Authorization, string? AnsweredId = null)
{
    /// <summary>The Adaptive Card the call carried, if any.</summary>
    public JsonObject? Card => Body?["attachments"]?[0]?["content"] as JsonObject;
}
