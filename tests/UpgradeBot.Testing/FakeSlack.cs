using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace UpgradeBot.Testing;

/// <summary>
/// Slack as a real HTTP server on 127.0.0.1: the Web API (auth.test, chat.*, users.info, views.open
/// and views.publish, oauth.v2.access for codes and refresh tokens), the OAuth authorize page a browser approves on, and a response_url
/// receiver. It serves several workspaces (and Enterprise Grid organizations), each with tokens of
/// its own; it records every call, answers like Slack (ok/error JSON, 429 with Retry-After) and
/// saves every Block Kit payload and view (Home tabs and modals) it receives for the @slack/types check in tests/clients/slack.
/// It is stricter than Slack where that shows a mistake: a replaced, revoked or expired token is
/// refused, a refresh token works once, and an org-wide token must name the workspace it posts in.
/// </summary>
public sealed class FakeSlack : IAsyncDisposable
{
    public const string BotUserId = "UBOT0001";
    public const string TeamId = "T0TEST01";
    public const string Token = "xoxb-test-token";
    private readonly WebApplication _app;
    private long _ts = 1_700_000_000_000_100;
    private int _rateLimitNext;

    private FakeSlack(WebApplication app)
    {
        _app = app;
        OAuth.Preinstall(Token, Default);
        Approving = Default;
    }

    /// <summary>One call as Slack saw it; <see cref="At"/> is a <see cref="Stopwatch"/> reading.</summary>
    public sealed record Call(string Method, JsonElement Body, string? Authorization, long At)
    {
        public string? Channel => Field("channel");

        public string? Text => Field("text");

        public string? ThreadTs => Field("thread_ts");

        /// <summary>The workspace an org-wide token said it posts in.</summary>
        public string? Team => Field("team_id");

        public string? Token => FakeSlackOAuth.BearerToken(Authorization);

        public JsonElement Blocks => Body.GetProperty("blocks");

        public bool HasEscalateButton => Body.TryGetProperty("blocks", out var blocks) && blocks.EnumerateArray().Any(b =>
            b.GetProperty("type").GetString() == "actions"
            && b.GetProperty("elements").EnumerateArray().Any(e => e.GetProperty("action_id").GetString() == "escalate"));

        private string? Field(string name) => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    /// <summary>The workspace of <see cref="Token"/>, installed from the start as a bot token is.</summary>
    public static SlackWorkspace Default { get; } = new(TeamId, "Test workspace", null, BotUserId, "B0TEST01");

    /// <summary>The workspace (or organization) the authorize page installs into when approved.</summary>
    public SlackWorkspace Approving { get; set; }

    public ConcurrentQueue<Call> Calls { get; } = new();

    /// <summary>The ts each chat.* call that went through was answered with: the message it posted or updated.</summary>
    public ConcurrentDictionary<Call, string> Timestamps { get; } = new();

    /// <summary>Raised for every call as it arrives, for a caller timing answers (the soak benchmark).</summary>
    public event Action<Call>? Received;

    /// <summary>Users users.info says are workspace admins (or owners); everyone else is a plain member.</summary>
    public ConcurrentDictionary<string, bool> Admins { get; } = new(StringComparer.Ordinal);

    /// <summary>views.open answers expired_trigger_id, as Slack does once 3 seconds have passed since the click.</summary>
    public bool TriggersExpired { get; set; }

    /// <summary>Channels the bot is not in: chat.postMessage there answers not_in_channel.</summary>
    public ConcurrentDictionary<string, bool> NotInChannel { get; } = new();

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

    /// <summary>What a token that is not (or no longer) valid gets: Slack says invalid_auth, token_revoked, account_inactive or not_authed.</summary>
    public string RefuseTokensWith { get; set; } = "invalid_auth";

    /// <summary>The workspaces' codes and tokens; <see cref="Token"/> is <see cref="Default"/>'s from the start.</summary>
    public FakeSlackOAuth OAuth { get; } = new();

    public string ApiBaseUrl { get; private set; } = string.Empty;

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Where the bot sends browsers to approve an install (<c>Slack:AuthorizeUrl</c>).</summary>
    public string AuthorizeUrl => BaseUrl + "/oauth/v2/authorize";

    public IEnumerable<Call> Posts(string method = "chat.postMessage") => Calls.Where(c => c.Method == method);

    public Uri ResponseUrl(string id) => new($"{BaseUrl}/response/{id}");

    /// <summary>The first call that matches, once it has come; fails the test when none does in time.</summary>
    public async Task<Call> FirstAsync(Func<Call, bool> match, string what) =>
        (await Eventually.Until(() => Task.FromResult(Calls.FirstOrDefault(match)), found => found is not null, what: what))!;

    /// <summary>The ts a chat.* call was answered with (the call is recorded before it is answered).</summary>
    public async Task<string> TsAsync(Call call) =>
        (await Eventually.Until(() => Task.FromResult(Timestamps.GetValueOrDefault(call)), ts => ts is not null, what: "the post's ts"))!;

    public static async Task<FakeSlack> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSlack(app);
        app.MapPost("/api/{method}", fake.ApiAsync);
        app.MapPost("/response/{id}", fake.ResponseAsync);
        app.MapGet("/oauth/v2/authorize", fake.AuthorizePage);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        fake.ApiBaseUrl = fake.BaseUrl + "/api/";
        return fake;
    }

    public SlackWorkspace AddWorkspace(string teamId, string name, string? enterpriseId = null, string? botUserId = null, string? botId = null) =>
        new(teamId, name, enterpriseId, botUserId ?? $"UB{teamId}", botId ?? $"BB{teamId}");

    /// <summary>An Enterprise Grid organization whose admin installs the app org-wide (<c>team: null</c>).</summary>
    public SlackWorkspace AddOrganization(string enterpriseId, string name) =>
        new(null, name, enterpriseId, $"UB{enterpriseId}", $"BB{enterpriseId}");

    /// <summary>Slack's authorize page, reduced to its two buttons: Allow goes back with a code, Cancel with access_denied.</summary>
    private IResult AuthorizePage(HttpRequest request)
    {
        var query = request.Query;
        if (FakeSlackOAuth.RedirectOf(query) is not { } redirect)
        {
            return Results.Content("<!doctype html><p>Invalid client_id, scope or redirect_uri.</p>", "text/html", statusCode: StatusCodes.Status400BadRequest);
        }

        Calls.Enqueue(new Call("oauth/v2/authorize", JsonSerializer.SerializeToElement(query.ToDictionary(q => q.Key, q => q.Value.ToString())), null, Stopwatch.GetTimestamp()));
        var state = query["state"].ToString();
        var allow = OAuth.Approve(redirect, Approving, state);
        var cancel = QueryHelpers.AddQueryString(redirect.AbsoluteUri, new Dictionary<string, string?> { ["error"] = "access_denied", ["state"] = state });
        var page = $"""
            <!doctype html><html><head><meta charset="utf-8"><title>Fake Slack: install</title></head>
            <body><h1>UpgradeBot is requesting permission to access {WebUtility.HtmlEncode(Approving.Name)}</h1>
            <p>Scopes: {WebUtility.HtmlEncode(query["scope"])}</p>
            <a data-testid="approve" href="{WebUtility.HtmlEncode(allow)}">Allow</a>
            <a data-testid="deny" href="{WebUtility.HtmlEncode(cancel)}">Cancel</a></body></html>
            """;
        return Results.Content(page, "text/html; charset=utf-8");
    }

    private async Task<IResult> ApiAsync(string method, HttpRequest request)
    {
        if (method == "oauth.v2.access")
        {
            return await OAuthAsync(request);
        }

        var body = request.HasFormContentType
            ? JsonSerializer.SerializeToElement((await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString()))
            : await ReadAsync(request);
        var auth = request.Headers.Authorization.ToString();
        var call = new Call(method, body, auth, Stopwatch.GetTimestamp());
        Calls.Enqueue(call);
        Received?.Invoke(call);
        if (OAuth.Holder(call.Token, out var expired) is not { } workspace)
        {
            return Results.Json(new { ok = false, error = RefuseTokensWith });
        }

        if (expired)
        {
            return Results.Json(new { ok = false, error = "token_expired" });
        }

        if (method.StartsWith("chat.", StringComparison.Ordinal) && workspace.OrgWide && string.IsNullOrEmpty(call.Team))
        {
            return Results.Json(new { ok = false, error = "missing_argument" });
        }

        switch (method)
        {
            case "auth.test":
                return Results.Json(workspace.AuthTest);
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

                var ts = method == "chat.update" && call.Body.TryGetProperty("ts", out var updated) ? updated.GetString()! : (Interlocked.Increment(ref _ts) / 1_000_000.0).ToString("F6", CultureInfo.InvariantCulture);
                Timestamps[call] = ts;
                return Results.Json(new { ok = true, channel = call.Channel, ts, message_ts = ts });
            case "users.info" when body.TryGetProperty("user", out var user) && user.GetString() is { Length: > 0 } id:
                var admin = Admins.ContainsKey(id);
                return Results.Json(new
                {
                    ok = true,
                    user = new { id, team_id = workspace.TeamId, name = id.ToLowerInvariant(), deleted = false, is_admin = admin, is_owner = false, is_primary_owner = false, is_restricted = false, is_bot = false },
                });
            case "users.info":
                return Results.Json(new { ok = false, error = "user_not_found" });
            case "views.open" when !body.TryGetProperty("trigger_id", out var trigger) || trigger.GetString() is not { Length: > 0 }:
                return Results.Json(new { ok = false, error = "invalid_arguments" });
            case "views.open" when TriggersExpired:
                return Results.Json(new { ok = false, error = "expired_trigger_id" });
            case "views.open" or "views.publish":
                if (method == "views.publish" && !body.TryGetProperty("user_id", out _))
                {
                    return Results.Json(new { ok = false, error = "invalid_arguments" });
                }

                if (SavePayloads)
                {
                    PayloadFiles.SaveView(method, body.GetProperty("view"));
                }

                return Results.Json(new { ok = true, view = new { id = $"V{Interlocked.Increment(ref _ts)}", type = body.GetProperty("view").GetProperty("type").GetString() } });
            default:
                return Results.Json(new { ok = false, error = "unknown_method" });
        }
    }

    /// <summary>oauth.v2.access, recorded like every call.</summary>
    private async Task<IResult> OAuthAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        Calls.Enqueue(new Call("oauth.v2.access", JsonSerializer.SerializeToElement(form.ToDictionary(f => f.Key, f => f.Value.ToString())), request.Headers.Authorization.ToString(), Stopwatch.GetTimestamp()));
        return await OAuth.AccessAsync(request);
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
