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
/// (<see cref="Channel"/>) so the fake needs no lookup. Every workspace has a bot token of its own,
/// handed out by oauth.v2.access for a code its authorize page gives for the workspace named in
/// <c>team</c> (<see cref="FakeSlackOAuth"/>, as <see cref="FakeSlack"/> does it); a chat call whose token
/// is not its channel's workspace's is refused as Slack would and counted in <see cref="WrongTokens"/>.
/// </summary>
public sealed class LimitedSlack : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly int _workspacePerSecond;
    private readonly ConcurrentDictionary<string, SlidingWindow> _workspaces = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SlidingWindow> _channels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SlackWorkspace> _installable = new(StringComparer.Ordinal);
    private long _ts = 1_700_000_000_000_000;
    private int _wrongTokens;

    private LimitedSlack(WebApplication app, int workspacePerSecond) => (_app, _workspacePerSecond) = (app, workspacePerSecond);

    /// <summary>What the fake has seen since it started, or since <see cref="StartRecord"/>.</summary>
    public FanOutRecord Record { get; private set; } = new();

    public TimeSpan Latency { get; init; }

    public string ApiBaseUrl => _app.Urls.Single() + "/api/";

    /// <summary>Where an admin approves an install (<c>Slack:AuthorizeUrl</c>): add <c>team</c>, as Slack's own page allows, to choose the workspace.</summary>
    public string AuthorizeUrl => _app.Urls.Single() + "/oauth/v2/authorize";

    public FakeSlackOAuth OAuth { get; } = new();

    /// <summary>Chat calls with a token that is not one of their channel's workspace (another workspace's, or none handed out): each was refused.</summary>
    public int WrongTokens => Volatile.Read(ref _wrongTokens);

    /// <summary>Workspace <paramref name="workspace"/>'s team id.</summary>
    public static string Team(int workspace) => string.Create(CultureInfo.InvariantCulture, $"T{workspace:D5}");

    /// <summary>Channel <paramref name="channel"/> of workspace <paramref name="workspace"/>: its id starts with the workspace's number.</summary>
    public static string Channel(int workspace, int channel) => string.Create(CultureInfo.InvariantCulture, $"C{workspace:D5}{channel:D5}");

    /// <summary>The team id of the workspace <paramref name="channel"/> is in.</summary>
    public static string TeamOf(string channel) => "T" + channel[1..6];

    /// <summary>The workspace's name in Slack, which the install's success page shows.</summary>
    public static string Name(string team) => $"Limited workspace {team}";

    public static async Task<LimitedSlack> StartAsync(int workspacePerSecond, TimeSpan latency = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var fake = new LimitedSlack(builder.Build(), workspacePerSecond) { Latency = latency };
        fake._app.MapPost("/api/oauth.v2.access", (HttpRequest request) => fake.OAuth.AccessAsync(request));
        fake._app.MapPost("/api/{method}", fake.HandleAsync);
        fake._app.MapGet("/oauth/v2/authorize", fake.Authorize);
        await fake._app.StartAsync();
        return fake;
    }

    /// <summary>The authorize page with the admin approving at once: back to the bot with a code for the workspace in <c>team</c>.</summary>
    private IResult Authorize(HttpRequest request)
    {
        var team = request.Query["team"].ToString();
        if (FakeSlackOAuth.RedirectOf(request.Query) is not { } redirect || team.Length == 0)
        {
            return Results.BadRequest("Invalid client_id, scope or redirect_uri, or no team chosen.");
        }

        var workspace = _installable.GetOrAdd(team, t => new SlackWorkspace(t, Name(t), null, $"U{t}", $"B{t}"));
        return Results.Redirect(OAuth.Approve(redirect, workspace, request.Query["state"].ToString()));
    }

    private async Task<IResult> HandleAsync(string method, HttpRequest request)
    {
        var now = Stopwatch.GetTimestamp();
        using var body = await JsonDocument.ParseAsync(request.Body);
        var holder = OAuth.Holder(FakeSlackOAuth.BearerToken(request.Headers.Authorization), out var expired);
        if (method == "auth.test")
        {
            return holder is null || expired ? Results.Json(new { ok = false, error = "invalid_auth" }) : Results.Json(holder.AuthTest);
        }

        if (!method.StartsWith("chat.", StringComparison.Ordinal))
        {
            return Results.Json(new { ok = false, error = "unknown_method" });
        }

        var channel = body.RootElement.GetProperty("channel").GetString()!;
        if (holder is null || expired || holder.TeamId != TeamOf(channel))
        {
            Interlocked.Increment(ref _wrongTokens);
            // Slack does not know a token it never handed out; another workspace's token does not see the channel.
            return Results.Json(new { ok = false, error = holder is null || expired ? "invalid_auth" : "channel_not_found" });
        }

        if (method != "chat.postMessage")
        {
            return Results.Json(new { ok = false, error = "unknown_method" });
        }

        var record = Record;
        record.Arrived(now);
        var workspace = _workspaces.GetOrAdd(holder.TeamId, _ => new SlidingWindow(_workspacePerSecond, TimeSpan.FromSeconds(1)));
        var perChannel = _channels.GetOrAdd(channel, _ => new SlidingWindow(1, TimeSpan.FromSeconds(1)));
        var admitted = workspace.TryAdmit(now) && perChannel.TryAdmit(now);
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency);
        }

        if (!admitted)
        {
            record.Reject(channel);
            return new TooManyRequests(new { ok = false, error = "ratelimited" });
        }

        record.Accept(channel, body.RootElement.TryGetProperty("text", out var text) ? text.GetString() ?? string.Empty : string.Empty, Stopwatch.GetTimestamp());
        var ts = (Interlocked.Increment(ref _ts) / 1_000_000.0).ToString("F6", CultureInfo.InvariantCulture);
        return Results.Json(new { ok = true, channel, ts });
    }

    /// <summary>Starts a new <see cref="Record"/> for a second fan-out; a post already arriving is counted in the old one.</summary>
    public FanOutRecord StartRecord() => Record = new();

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
