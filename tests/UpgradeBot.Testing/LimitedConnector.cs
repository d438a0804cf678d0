using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace UpgradeBot.Testing;

/// <summary>
/// The Bot Connector's send endpoints on 127.0.0.1, enforcing Teams' limits for a bot on every post
/// (proactive or a reply): per conversation 7 in 1 s, 8 in 2 s and 60 in 30 s; per tenant a request
/// rate; over any, 429 with <c>Retry-After: 1</c>. Each post takes <see cref="Latency"/> to answer.
/// Conversation ids carry their tenant (<see cref="Conversation"/>) so the fake needs no lookup.
/// </summary>
public sealed class LimitedConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly int _tenantPerSecond;
    private readonly ConcurrentDictionary<string, SlidingWindow> _tenants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SlidingWindow[]> _conversations = new(StringComparer.Ordinal);
    private int _id;

    private LimitedConnector(WebApplication app, int tenantPerSecond) => (_app, _tenantPerSecond) = (app, tenantPerSecond);

    /// <summary>What the fake has seen since it started, or since <see cref="StartRecord"/>.</summary>
    public FanOutRecord Record { get; private set; } = new();

    public TimeSpan Latency { get; init; }

    public string ServiceUrl => _app.Urls.Single() + "/";

    public static string Tenant(int tenant) => string.Create(CultureInfo.InvariantCulture, $"tenant{tenant:D4}");

    /// <summary>Conversation <paramref name="conversation"/> of tenant <paramref name="tenant"/>: <c>19:{tenant}-{n}@thread.tacv2</c>.</summary>
    public static string Conversation(int tenant, int conversation) =>
        string.Create(CultureInfo.InvariantCulture, $"19:{Tenant(tenant)}-{conversation}@thread.tacv2");

    public static string TenantOf(string conversationId) => conversationId[3..conversationId.LastIndexOf('-')];

    public static async Task<LimitedConnector> StartAsync(int tenantPerSecond, TimeSpan latency = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var fake = new LimitedConnector(builder.Build(), tenantPerSecond) { Latency = latency };
        fake._app.MapPost("/v3/conversations/{**path}", fake.HandleAsync);
        await fake._app.StartAsync();
        return fake;
    }

    private async Task<IResult> HandleAsync(string path, HttpRequest request)
    {
        var now = Stopwatch.GetTimestamp();
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var record = Record;
        record.Arrived(now);
        var conversationId = Uri.UnescapeDataString(path.Split('/')[0]);
        var tenant = _tenants.GetOrAdd(TenantOf(conversationId), _ => new SlidingWindow(_tenantPerSecond, TimeSpan.FromSeconds(1)));
        var conversation = _conversations.GetOrAdd(conversationId, _ =>
            [new SlidingWindow(7, TimeSpan.FromSeconds(1)), new SlidingWindow(8, TimeSpan.FromSeconds(2)), new SlidingWindow(60, TimeSpan.FromSeconds(30))]);
        var admitted = tenant.TryAdmit(now) && conversation.All(w => w.TryAdmit(now));
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency);
        }

        if (!admitted)
        {
            record.Reject(conversationId);
            return new TooManyRequests(new { error = new { code = "TooManyRequests", message = "throttled by the limited connector" } });
        }

        record.Accept(conversationId, body, Stopwatch.GetTimestamp());
        return Results.Json(new { id = $"msg-{Interlocked.Increment(ref _id)}" });
    }

    /// <summary>Starts a new <see cref="Record"/> for a second fan-out; a post already arriving is counted in the old one.</summary>
    public FanOutRecord StartRecord() => Record = new();

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
