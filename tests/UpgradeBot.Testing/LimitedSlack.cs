using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace UpgradeBot.Testing;

/// <summary>
/// Slack's Web API as far as a fan-out needs it, on 127.0.0.1, enforcing Slack's limits for
/// chat.postMessage: one message per second per channel and a cap per workspace, answering 429 with
/// <c>Retry-After: 1</c> and <c>{"ok":false,"error":"ratelimited"}</c> when either is exceeded, and
/// taking <see cref="Latency"/> to answer each post. Channel ids carry their workspace
/// (<see cref="Channel"/>) so the fake needs no lookup; one bot token serves every workspace.
/// </summary>
public sealed class LimitedSlack : IAsyncDisposable
{
    public const string Token = "xoxb-limited";

    private readonly WebApplication _app;
    private readonly int _workspacePerSecond;
    private readonly ConcurrentDictionary<string, SlidingWindow> _workspaces = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SlidingWindow> _channels = new(StringComparer.Ordinal);
    private long _ts = 1_700_000_000_000_000;

    private LimitedSlack(WebApplication app, int workspacePerSecond) => (_app, _workspacePerSecond) = (app, workspacePerSecond);

    public FanOutRecord Record { get; } = new();

    public TimeSpan Latency { get; init; }

    public string ApiBaseUrl => _app.Urls.Single() + "/api/";

    /// <summary>Workspace <paramref name="workspace"/>'s team id.</summary>
    public static string Team(int workspace) => string.Create(CultureInfo.InvariantCulture, $"T{workspace:D5}");

    /// <summary>Channel <paramref name="channel"/> of workspace <paramref name="workspace"/>: its id starts with the workspace's number.</summary>
    public static string Channel(int workspace, int channel) => string.Create(CultureInfo.InvariantCulture, $"C{workspace:D5}{channel:D5}");

    public static string WorkspaceOf(string channel) => channel[1..6];

    public static async Task<LimitedSlack> StartAsync(int workspacePerSecond, TimeSpan latency = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var fake = new LimitedSlack(builder.Build(), workspacePerSecond) { Latency = latency };
        fake._app.MapPost("/api/{method}", fake.HandleAsync);
        await fake._app.StartAsync();
        return fake;
    }

    private async Task<IResult> HandleAsync(string method, HttpRequest request)
    {
        var now = Stopwatch.GetTimestamp();
        using var body = await JsonDocument.ParseAsync(request.Body);
        if (method == "auth.test")
        {
            return Results.Json(new { ok = true, user_id = "ULIMITED", bot_id = "BLIMITED", team_id = Team(0), team = "Limited" });
        }

        if (method != "chat.postMessage")
        {
            return Results.Json(new { ok = false, error = "unknown_method" });
        }

        Record.Arrived(now);
        var channel = body.RootElement.GetProperty("channel").GetString()!;
        var workspace = _workspaces.GetOrAdd(WorkspaceOf(channel), _ => new SlidingWindow(_workspacePerSecond, TimeSpan.FromSeconds(1)));
        var perChannel = _channels.GetOrAdd(channel, _ => new SlidingWindow(1, TimeSpan.FromSeconds(1)));
        var admitted = workspace.TryAdmit(now) && perChannel.TryAdmit(now);
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency);
        }

        if (!admitted)
        {
            Record.Reject();
            return new TooManyRequests(new { ok = false, error = "ratelimited" });
        }

        Record.Accept(channel, body.RootElement.TryGetProperty("text", out var text) ? text.GetString() ?? string.Empty : string.Empty, Stopwatch.GetTimestamp());
        var ts = (Interlocked.Increment(ref _ts) / 1_000_000.0).ToString("F6", CultureInfo.InvariantCulture);
        return Results.Json(new { ok = true, channel, ts });
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
