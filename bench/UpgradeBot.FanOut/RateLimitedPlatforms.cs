using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace UpgradeBot.FanOut;

/// <summary>
/// At most <c>limit</c> admissions in any <c>window</c> of real time. Where several windows apply, a
/// request refused by a later one still used a slot of the earlier ones: that only makes the fake stricter.
/// </summary>
public sealed class SlidingWindow(int limit, TimeSpan window)
{
    private readonly Queue<long> _admitted = new();

    public bool TryAdmit(long now)
    {
        lock (_admitted)
        {
            while (_admitted.Count > 0 && Stopwatch.GetElapsedTime(_admitted.Peek(), now) >= window)
            {
                _admitted.Dequeue();
            }

            if (_admitted.Count >= limit)
            {
                return false;
            }

            _admitted.Enqueue(now);
            return true;
        }
    }
}

/// <summary>What a fake platform saw: accepted posts per conversation, refusals, and when the first and last post came.</summary>
public sealed class FanOutRecord
{
    private long _first;
    private long _last;
    private int _rejected;

    public ConcurrentDictionary<string, int> Accepted { get; } = new(StringComparer.Ordinal);

    public int Rejected => _rejected;

    public int Posts => Accepted.Values.Sum();

    public TimeSpan Span => Stopwatch.GetElapsedTime(Interlocked.Read(ref _first), Interlocked.Read(ref _last));

    public void Arrived(long now) => Interlocked.CompareExchange(ref _first, now, 0);

    public void Accept(string conversation, long now)
    {
        Accepted.AddOrUpdate(conversation, 1, (_, n) => n + 1);
        Interlocked.Exchange(ref _last, now);
    }

    public void Reject() => Interlocked.Increment(ref _rejected);
}

/// <summary>
/// Slack's Web API as far as a fan-out needs it, enforcing Slack's published limits for
/// chat.postMessage: one message per second per channel and a workspace cap, answering 429 with
/// Retry-After and <c>{"ok":false,"error":"ratelimited"}</c> when either is exceeded.
/// </summary>
public sealed class SlackLimits(int workspacePerSecond)
{
    public const string Token = "xoxb-bench";
    public const string TeamId = "T0BENCH1";

    private readonly SlidingWindow _workspace = new(workspacePerSecond, TimeSpan.FromSeconds(1));
    private readonly ConcurrentDictionary<string, SlidingWindow> _channels = new(StringComparer.Ordinal);
    private long _ts = 1_700_000_000_000_000;

    public FanOutRecord Record { get; } = new();

    public IResult Handle(string method, JsonElement body)
    {
        var now = Stopwatch.GetTimestamp();
        if (method == "auth.test")
        {
            return Results.Json(new { ok = true, user_id = "UBENCH01", bot_id = "BBENCH01", team_id = TeamId, team = "Bench" });
        }

        if (method != "chat.postMessage")
        {
            return Results.Json(new { ok = false, error = "unknown_method" });
        }

        Record.Arrived(now);
        var channel = body.GetProperty("channel").GetString()!;
        var perChannel = _channels.GetOrAdd(channel, _ => new SlidingWindow(1, TimeSpan.FromSeconds(1)));
        if (!_workspace.TryAdmit(now) || !perChannel.TryAdmit(now))
        {
            Record.Reject();
            return new Refusal(HttpStatusCode.TooManyRequests, new { ok = false, error = "ratelimited" });
        }

        Record.Accept(channel, now);
        var ts = (Interlocked.Increment(ref _ts) / 1_000_000.0).ToString("F6", System.Globalization.CultureInfo.InvariantCulture);
        return Results.Json(new { ok = true, channel, ts });
    }

    /// <summary>A 429 with Retry-After: 1, as both platforms send it.</summary>
    public sealed class Refusal(HttpStatusCode status, object body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = (int)status;
            httpContext.Response.Headers.RetryAfter = "1";
            return httpContext.Response.WriteAsJsonAsync(body);
        }
    }
}

/// <summary>
/// The Bot Connector's send endpoint, enforcing Teams' limits for a bot: per conversation 7 in 1 s,
/// 8 in 2 s and 60 in 30 s; per tenant a request rate. Conversation ids carry their tenant
/// (<c>19:{tenant}-{n}@thread.tacv2</c>) so the fake needs no lookup.
/// </summary>
public sealed class TeamsLimits(int tenantPerSecond)
{
    private readonly ConcurrentDictionary<string, SlidingWindow> _tenants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SlidingWindow[]> _conversations = new(StringComparer.Ordinal);
    private int _id;

    public FanOutRecord Record { get; } = new();

    public IResult Handle(string conversationId)
    {
        var now = Stopwatch.GetTimestamp();
        Record.Arrived(now);
        var tenant = _tenants.GetOrAdd(TenantOf(conversationId), _ => new SlidingWindow(tenantPerSecond, TimeSpan.FromSeconds(1)));
        var conversation = _conversations.GetOrAdd(conversationId, _ =>
            [new SlidingWindow(7, TimeSpan.FromSeconds(1)), new SlidingWindow(8, TimeSpan.FromSeconds(2)), new SlidingWindow(60, TimeSpan.FromSeconds(30))]);
        if (!tenant.TryAdmit(now) || !conversation.All(w => w.TryAdmit(now)))
        {
            Record.Reject();
            return new SlackLimits.Refusal(HttpStatusCode.TooManyRequests, new { error = new { code = "TooManyRequests", message = "throttled by the bench fake" } });
        }

        Record.Accept(conversationId, now);
        return Results.Json(new { id = $"msg-{Interlocked.Increment(ref _id)}" });
    }

    public static string TenantOf(string conversationId) => conversationId[3..conversationId.LastIndexOf('-')];
}
