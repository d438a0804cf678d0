using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace UpgradeBot.Testing;

/// <summary>
/// Slack's OAuth as the fakes serve it (<see cref="FakeSlack"/>, <see cref="LimitedSlack"/>): the
/// app's client credentials, the codes an approval on the authorize page hands out for a workspace,
/// and the bot tokens (with token rotation, refresh tokens too) oauth.v2.access exchanges them for,
/// each bound to its workspace. Stricter than Slack where that shows a mistake: a replaced, revoked
/// or expired token is refused and a refresh token works once.
/// </summary>
public sealed class FakeSlackOAuth
{
    public const string ClientId = "1000000001.2000000002";
    public const string ClientSecret = "fake-slack-client-secret";

    /// <summary>The admin who approves installs on the authorize page (oauth.v2.access's <c>authed_user</c>).</summary>
    public const string InstallerUserId = "U0ADMIN01";

    private readonly ConcurrentDictionary<string, Grant> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SlackWorkspace> _refreshTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (SlackWorkspace Workspace, string RedirectUri)> _codes = new(StringComparer.Ordinal);
    private int _issued;
    private int _refreshes;
    private int _reusedRefreshTokens;

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

    /// <summary>The token of an <c>Authorization: Bearer</c> header.</summary>
    public static string? BearerToken(string? authorization) =>
        authorization is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : null;

    /// <summary>A token that works from the start, as a workspace's own bot token does without the install flow.</summary>
    public void Preinstall(string token, SlackWorkspace workspace) => _tokens[token] = new Grant(workspace, ExpiresAt: null);

    /// <summary>The bot token the workspace's current install holds (the newest one handed out).</summary>
    public string TokenOf(SlackWorkspace workspace) => _tokens.Where(t => t.Value.Workspace == workspace).OrderByDescending(t => t.Value.Serial).First().Key;

    /// <summary>
    /// The workspace <paramref name="token"/> was handed out for: null for a token never handed out
    /// or taken back since, and with <paramref name="expired"/> set for one whose lifetime is over.
    /// </summary>
    public SlackWorkspace? Holder(string? token, out bool expired)
    {
        expired = false;
        if (token is null || !_tokens.TryGetValue(token, out var grant))
        {
            return null;
        }

        expired = grant.ExpiresAt is { } expires && expires <= DateTimeOffset.UtcNow;
        return grant.Workspace;
    }

    /// <summary>A code as the authorize page hands it to the browser, for tests that skip the page.</summary>
    public string Code(SlackWorkspace workspace, string redirectUri)
    {
        var code = $"code-{Guid.NewGuid():N}";
        _codes[code] = (workspace, redirectUri);
        return code;
    }

    /// <summary>What Slack's authorize page checks before it asks anyone: this app, some scopes and an address to go back to, which it returns (null when any is wrong).</summary>
    public static Uri? RedirectOf(IQueryCollection query) =>
        query["client_id"] == ClientId && !string.IsNullOrEmpty(query["scope"]) && Uri.TryCreate(query["redirect_uri"], UriKind.Absolute, out var redirect) ? redirect : null;

    /// <summary>Where Allow on the authorize page sends the browser: back to <paramref name="redirect"/> with a new code for <paramref name="workspace"/> and the state.</summary>
    public string Approve(Uri redirect, SlackWorkspace workspace, string state) =>
        QueryHelpers.AddQueryString(redirect.AbsoluteUri, new Dictionary<string, string?> { ["code"] = Code(workspace, redirect.AbsoluteUri), ["state"] = state });

    /// <summary>The workspace removed the app: every token and refresh token it had stops working.</summary>
    public void Uninstall(SlackWorkspace workspace)
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

    /// <summary>oauth.v2.access: client credentials by HTTP Basic (or form fields), then a code or a refresh token.</summary>
    public async Task<IResult> AccessAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
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
            return await RefreshAsync(form["refresh_token"].ToString());
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

    private async Task<IResult> RefreshAsync(string refreshToken)
    {
        if (RefreshDelay > TimeSpan.Zero)
        {
            await Task.Delay(RefreshDelay);
        }

        if (!_refreshTokens.TryRemove(refreshToken, out var owner))
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

    private Dictionary<string, object?> Granted(SlackWorkspace workspace, TimeSpan? lifetime)
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

    /// <summary>A bot token handed out, whose workspace it is, when it stops working and which came last.</summary>
    private sealed record Grant(SlackWorkspace Workspace, DateTimeOffset? ExpiresAt, int Serial = 0);
}
