using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace UpgradeBot.Testing;

/// <summary>
/// Slack's Web API and response_url receiver as a real HTTP server on 127.0.0.1. It records every
/// call, answers like Slack (ok/error JSON, 429 with Retry-After) and saves every Block Kit
/// payload it receives for the @slack/types check in tests/clients/slack.
/// </summary>
public sealed class FakeSlack : IAsyncDisposable
{
    public const string BotUserId = "UBOT0001";
    public const string TeamId = "T0TEST01";
    public const string Token = "xoxb-test-token";

    private readonly WebApplication _app;
    private long _ts = 1_700_000_000_000_100;

    private FakeSlack(WebApplication app) => _app = app;

    /// <summary>One call as Slack saw it; <see cref="At"/> is a <see cref="Stopwatch"/> reading.</summary>
    public sealed record Call(string Method, JsonElement Body, string? Authorization, long At)
    {
        public string? Channel => Body.TryGetProperty("channel", out var c) ? c.GetString() : null;

        public string? Text => Body.TryGetProperty("text", out var t) ? t.GetString() : null;

        public string? ThreadTs => Body.TryGetProperty("thread_ts", out var t) ? t.GetString() : null;

        public JsonElement Blocks => Body.GetProperty("blocks");

        public bool HasEscalateButton => Body.TryGetProperty("blocks", out var blocks) && blocks.EnumerateArray().Any(b =>
            b.GetProperty("type").GetString() == "actions"
            && b.GetProperty("elements").EnumerateArray().Any(e => e.GetProperty("action_id").GetString() == "escalate"));
    }

    public ConcurrentQueue<Call> Calls { get; } = new();

    /// <summary>Channels the bot is not in: chat.postMessage there answers not_in_channel.</summary>
    public ConcurrentDictionary<string, bool> NotInChannel { get; } = new();

    private int _rateLimitNext;

    /// <summary>How many of the next chat.postMessage calls get HTTP 429 with <see cref="RetryAfterSeconds"/>.</summary>
    public int RateLimitNext
    {
        get => Volatile.Read(ref _rateLimitNext);
        set => Volatile.Write(ref _rateLimitNext, value);
    }

    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>How long chat.postMessage takes to answer, so a test can catch posts in flight.</summary>
    public TimeSpan PostDelay { get; set; }

    /// <summary>Off for fan-out tests: thousands of identical payloads add nothing to the @slack/types check but its run time.</summary>
    public bool SavePayloads { get; set; } = true;

    /// <summary>The token auth.test accepts; anything else is invalid_auth.</summary>
    public string AcceptedToken { get; set; } = Token;

    public string ApiBaseUrl { get; private set; } = string.Empty;

    public string BaseUrl { get; private set; } = string.Empty;

    public IEnumerable<Call> Posts(string method = "chat.postMessage") => Calls.Where(c => c.Method == method);

    public Uri ResponseUrl(string id) => new($"{BaseUrl}/response/{id}");

    public static async Task<FakeSlack> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSlack(app);
        app.MapPost("/api/{method}", fake.ApiAsync);
        app.MapPost("/response/{id}", fake.ResponseAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        fake.ApiBaseUrl = fake.BaseUrl + "/api/";
        return fake;
    }

    private async Task<IResult> ApiAsync(string method, HttpRequest request)
    {
        var body = await ReadAsync(request);
        var auth = request.Headers.Authorization.ToString();
        var call = new Call(method, body, auth, Stopwatch.GetTimestamp());
        Calls.Enqueue(call);
        if (auth != $"Bearer {AcceptedToken}")
        {
            return Results.Json(new { ok = false, error = "invalid_auth" });
        }

        switch (method)
        {
            case "auth.test":
                return Results.Json(new { ok = true, user_id = BotUserId, bot_id = "B0TEST01", team_id = TeamId, team = "Test workspace" });
            case "chat.postMessage" when TakeRateLimit():
                return new TooManyRequests(new { ok = false, error = "ratelimited" }, RetryAfterSeconds);
            case "chat.postMessage" or "chat.update" or "chat.postEphemeral" when call.Channel is { } channel && NotInChannel.ContainsKey(channel):
                return Results.Json(new { ok = false, error = "not_in_channel" });
            case "chat.postMessage" or "chat.update" or "chat.postEphemeral":
                if (method == "chat.postMessage" && PostDelay > TimeSpan.Zero)
                {
                    await Task.Delay(PostDelay);
                }

                if (SavePayloads)
                {
                    PayloadFiles.Save(method, body);
                }

                var ts = (Interlocked.Increment(ref _ts) / 1_000_000.0).ToString("F6", System.Globalization.CultureInfo.InvariantCulture);
                return Results.Json(new { ok = true, channel = call.Channel, ts, message_ts = ts });
            default:
                return Results.Json(new { ok = false, error = "unknown_method" });
        }
    }

    private async Task<IResult> ResponseAsync(string id, HttpRequest request)
    {
        var body = await ReadAsync(request);
        Calls.Enqueue(new Call($"response:{id}", body, request.Headers.Authorization.ToString(), Stopwatch.GetTimestamp()));
        PayloadFiles.Save("response_url", body);
        return Results.Json(new { ok = true });
    }

    private bool TakeRateLimit()
    {
        int left;
        do
        {
            left = Volatile.Read(ref _rateLimitNext);
            if (left <= 0)
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref _rateLimitNext, left - 1, left) != left);
        return true;
    }

    private static async Task<JsonElement> ReadAsync(HttpRequest request)
    {
        using var document = await JsonDocument.ParseAsync(request.Body);
        return document.RootElement.Clone();
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
