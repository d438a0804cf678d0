using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
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
    public const string ClientId = "1000000001.2000000002";
    public const string ClientSecret = "fake-slack-client-secret";

    /// <summary>The admin who approves installs on the authorize page (oauth.v2.access's <c>authed_user</c>).</summary>
    public const string InstallerUserId = "U0ADMIN01";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Grant> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Workspace> _refreshTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (Workspace Workspace, string RedirectUri)> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Workspace> _workspaces = new(StringComparer.Ordinal);
    private long _ts = 1_700_000_000_000_100;
    private int _issued;
    private int _refreshes;
    private int _rateLimitNext;
    private int _reusedRefreshTokens;

    private FakeSlack(WebApplication app)
    {
        _app = app;
        _workspaces[TeamId] = Default;
        _tokens[Token] = new Grant(Default, ExpiresAt: null);
        Approving = Default;
    }

    /// <summary>A workspace, or with <see cref="OrgWide"/> an Enterprise Grid organization that installs once for all its workspaces.</summary>
    public sealed record Workspace(string? TeamId, string Name, string? EnterpriseId, string BotUserId, string BotId)
    {
        public bool OrgWide => TeamId is null;

        internal object Identity => new { id = OrgWide ? EnterpriseId : TeamId, name = Name };
    }

    /// <summary>One call as Slack saw it; <see cref="At"/> is a <see cref="Stopwatch"/> reading.</summary>
    public sealed record Call(string Method, JsonElement Body, string? Authorization, long At)
    {
        public string? Channel => Field("channel");

        public string? Text => Field("text");

        public string? ThreadTs => Field("thread_ts");

        /// <summary>The workspace an org-wide token said it posts in.</summary>
        public string? Team => Field("team_id");

        public string? Token => Authorization is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : null;

        public JsonElement Blocks => Body.GetProperty("blocks");

        public bool HasEscalateButton => Body.TryGetProperty("blocks", out var blocks) && blocks.EnumerateArray().Any(b =>
            b.GetProperty("type").GetString() == "actions"
            && b.GetProperty("elements").EnumerateArray().Any(e => e.GetProperty("action_id").GetString() == "escalate"));

        private string? Field(string name) => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    /// <summary>The workspace of <see cref="Token"/>, installed from the start as a bot token is.</summary>
    public static Workspace Default { get; } = new(TeamId, "Test workspace", null, BotUserId, "B0TEST01");

    /// <summary>The workspace (or organization) the authorize page installs into when approved.</summary>
    public Workspace Approving { get; set; }

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

    /// <summary>Token rotation on: installs hand out a refresh token, and bot tokens that live this long.</summary>
    public TimeSpan? InstallTokenLifetime { get; set; }

    /// <summary>How long the bot tokens a refresh hands out live (Slack's are 12 hours).</summary>
    public TimeSpan RefreshedTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long a refresh takes to answer, so concurrent senders meet while it runs.</summary>
    public TimeSpan RefreshDelay { get; set; }

    /// <summary>Every bot and refresh token handed out so far, to look for where none should be.</summary>
    public ConcurrentQueue<string> Issued { get; } = new();

    /// <summary>Refresh grants answered with new tokens.</summary>
    public int Refreshes => Volatile.Read(ref _refreshes);

    /// <summary>Refresh tokens presented a second time (or after revocation): each was refused.</summary>
    public int ReusedRefreshTokens => Volatile.Read(ref _reusedRefreshTokens);

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

    public Workspace AddWorkspace(string teamId, string name, string? enterpriseId = null, string? botUserId = null, string? botId = null) =>
        _workspaces[teamId] = new Workspace(teamId, name, enterpriseId, botUserId ?? $"UB{teamId}", botId ?? $"BB{teamId}");

    /// <summary>An Enterprise Grid organization whose admin installs the app org-wide (<c>team: null</c>).</summary>
    public Workspace AddOrganization(string enterpriseId, string name) =>
        _workspaces[enterpriseId] = new Workspace(null, name, enterpriseId, $"UB{enterpriseId}", $"BB{enterpriseId}");

    /// <summary>The bot token the workspace's current install holds (the newest one handed out).</summary>
    public string TokenOf(Workspace workspace) => _tokens.Where(t => t.Value.Workspace == workspace).OrderByDescending(t => t.Value.Serial).First().Key;

    /// <summary>
    /// A code as the authorize page hands it to the browser, for tests that skip the page. An install
    /// through the page works the same way.
    /// </summary>
    public string Code(Workspace workspace, string redirectUri)
    {
        var code = $"code-{Guid.NewGuid():N}";
        _codes[code] = (workspace, redirectUri);
        return code;
    }

    /// <summary>The workspace removed the app: every token and refresh token it had stops working.</summary>
    public void Uninstall(Workspace workspace)
    {
        foreach (var token in _tokens.Where(t => t.Value.Workspace == workspace).Select(t => t.Key).ToList())
        {
            _tokens.TryRemove(token, out _);
        }

        foreach (var refresh in _refreshTokens.Where(t => t.Value == workspace).Select(t => t.Key).ToList())
        {
            _refreshTokens.TryRemove(refresh, out _);
        }
    }

    /// <summary>Slack's authorize page, reduced to its two buttons: Allow goes back with a code, Cancel with access_denied.</summary>
    private IResult AuthorizePage(HttpRequest request)
    {
        var query = request.Query;
        if (query["client_id"] != ClientId || !Uri.TryCreate(query["redirect_uri"], UriKind.Absolute, out var redirect) || string.IsNullOrEmpty(query["scope"]))
        {
            return Results.Content("<!doctype html><p>Invalid client_id, scope or redirect_uri.</p>", "text/html", statusCode: StatusCodes.Status400BadRequest);
        }

        Calls.Enqueue(new Call("oauth/v2/authorize", JsonSerializer.SerializeToElement(query.ToDictionary(q => q.Key, q => q.Value.ToString())), null, Stopwatch.GetTimestamp()));
        var state = query["state"].ToString();
        var allow = QueryHelpers.AddQueryString(redirect.AbsoluteUri, new Dictionary<string, string?> { ["code"] = Code(Approving, redirect.AbsoluteUri), ["state"] = state });
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
        if (call.Token is not { } token || !_tokens.TryGetValue(token, out var grant))
        {
            return Results.Json(new { ok = false, error = RefuseTokensWith });
        }

        if (grant.ExpiresAt is { } expires && expires <= DateTimeOffset.UtcNow)
        {
            return Results.Json(new { ok = false, error = "token_expired" });
        }

        var workspace = grant.Workspace;
        if (method.StartsWith("chat.", StringComparison.Ordinal) && workspace.OrgWide && string.IsNullOrEmpty(call.Team))
        {
            return Results.Json(new { ok = false, error = "missing_argument" });
        }

        switch (method)
        {
            case "auth.test":
                return Results.Json(new
                {
                    ok = true,
                    url = "https://fake.slack.example/",
                    team = workspace.OrgWide ? null : workspace.Name,
                    user = "upgradebot",
                    team_id = workspace.TeamId,
                    user_id = workspace.BotUserId,
                    bot_id = workspace.BotId,
                    enterprise_id = workspace.EnterpriseId,
                    is_enterprise_install = workspace.OrgWide,
                });
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

    /// <summary>oauth.v2.access: client credentials by HTTP Basic (or form fields), then a code or a refresh token.</summary>
    private async Task<IResult> OAuthAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        Calls.Enqueue(new Call("oauth.v2.access", JsonSerializer.SerializeToElement(form.ToDictionary(f => f.Key, f => f.Value.ToString())), request.Headers.Authorization.ToString(), Stopwatch.GetTimestamp()));
        var (clientId, clientSecret) = ClientCredentials(request, form);
        if (clientId != ClientId)
        {
            return Results.Json(new { ok = false, error = "invalid_client_id" });
        }

        if (clientSecret != ClientSecret)
        {
            return Results.Json(new { ok = false, error = "bad_client_secret" });
        }

        if (form["grant_type"] == "refresh_token")
        {
            if (RefreshDelay > TimeSpan.Zero)
            {
                await Task.Delay(RefreshDelay);
            }

            if (!_refreshTokens.TryRemove(form["refresh_token"].ToString(), out var owner))
            {
                Interlocked.Increment(ref _reusedRefreshTokens);
                return Results.Json(new { ok = false, error = "invalid_refresh_token" });
            }

            Interlocked.Increment(ref _refreshes);
            // The tokens it replaces stop working: a sender that kept an old one learns it at once.
            foreach (var old in _tokens.Where(t => t.Value.Workspace == owner).Select(t => t.Key).ToList())
            {
                _tokens.TryRemove(old, out _);
            }

            // A refresh answers with the tokens and their lifetime; the bot user and the installer,
            // optional there, are left out, so nothing may depend on them.
            var refreshed = Granted(owner, RefreshedTokenLifetime);
            refreshed.Remove("bot_user_id");
            refreshed.Remove("authed_user");
            return Results.Json(refreshed);
        }

        if (!_codes.TryRemove(form["code"].ToString(), out var issued))
        {
            return Results.Json(new { ok = false, error = "invalid_code" });
        }

        if (issued.RedirectUri != form["redirect_uri"])
        {
            return Results.Json(new { ok = false, error = "bad_redirect_uri" });
        }

        // A reinstall replaces the workspace's tokens.
        Uninstall(issued.Workspace);
        return Results.Json(Granted(issued.Workspace, InstallTokenLifetime));
    }

    private Dictionary<string, object?> Granted(Workspace workspace, TimeSpan? lifetime)
    {
        var serial = Interlocked.Increment(ref _issued);
        var token = lifetime is null ? $"xoxb-{workspace.TeamId ?? workspace.EnterpriseId}-{serial}" : $"xoxe.xoxb-1-{workspace.TeamId ?? workspace.EnterpriseId}-{serial}";
        _tokens[token] = new Grant(workspace, lifetime is { } life ? DateTimeOffset.UtcNow + life : null, serial);
        Issued.Enqueue(token);
        var answer = new Dictionary<string, object?>
        {
            ["ok"] = true,
            ["app_id"] = "A0TEST01",
            ["authed_user"] = new { id = InstallerUserId },
            ["scope"] = "app_mentions:read,chat:write,commands,im:history,channels:read,groups:read",
            ["token_type"] = "bot",
            ["access_token"] = token,
            ["bot_user_id"] = workspace.BotUserId,
            ["team"] = workspace.OrgWide ? null : workspace.Identity,
            ["enterprise"] = workspace.EnterpriseId is null ? null : new { id = workspace.EnterpriseId, name = workspace.OrgWide ? workspace.Name : $"{workspace.Name} org" },
            ["is_enterprise_install"] = workspace.OrgWide,
        };
        if (lifetime is { } expiresIn)
        {
            var refresh = $"xoxe-1-{Guid.NewGuid():N}";
            _refreshTokens[refresh] = workspace;
            Issued.Enqueue(refresh);
            answer["refresh_token"] = refresh;
            answer["expires_in"] = (long)expiresIn.TotalSeconds;
        }

        return answer;
    }

    private static (string? Id, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])).Split(':', 2);
            return (pair[0], pair.Length > 1 ? pair[1] : null);
        }

        return (form["client_id"], form["client_secret"]);
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

    /// <summary>A bot token handed out, whose workspace it is, when it stops working and which came last.</summary>
    private sealed record Grant(Workspace Workspace, DateTimeOffset? ExpiresAt, int Serial = 0);
}
