using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UpgradeBot.Slack.Installations;
using UpgradeBot.Testing;

namespace UpgradeBot.Slack.Tests;

/// <summary>"Add to Slack" over HTTP, as a browser goes through it; InstallBrowserTests does it in Chromium.</summary>
public sealed class InstallTests : IAsyncLifetime
{
    private SlackBot _bot = null!;

    private SlackWorkspace _acme = null!;

    public async ValueTask InitializeAsync()
    {
        _bot = await SlackBot.StartAsync();
        _acme = _bot.Slack.AddWorkspace("T0ACME001", "Acme Backup Admins");
    }

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    [Fact]
    public async Task The_install_page_links_to_slack_with_the_app_the_scopes_and_a_state_bound_to_this_browser_by_a_cookie()
    {
        using var browser = _bot.Browser();

        var page = await browser.GetAsync("/api/slack/install");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var link = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"add-to-slack\" href=\"([^\"]+)\"").Groups[1].Value);
        Assert.StartsWith(_bot.Slack.AuthorizeUrl + "?", link, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(new Uri(link).Query);
        Assert.Equal(FakeSlackOAuth.ClientId, query["client_id"]);
        Assert.Equal(string.Join(',', SlackScopes.Bot), query["scope"]);
        Assert.Equal(_bot.RedirectUri, query["redirect_uri"]);
        var cookie = Assert.Single(page.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith($"upgradebot_slack_state={query["state"]};", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/api/slack", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=600", cookie, StringComparison.OrdinalIgnoreCase);
        // Plain HTTP here; behind HTTPS the cookie is Secure.
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Direct_install_redirects_straight_to_slack()
    {
        using var browser = _bot.Browser();

        var start = await browser.GetAsync("/api/slack/install?direct=1");

        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.StartsWith(_bot.Slack.AuthorizeUrl + "?", start.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approving_stores_the_installation_and_the_page_says_what_to_do_next()
    {
        var done = await _bot.InstallAsync(_acme);

        var html = await done.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"install-success\"", html, StringComparison.Ordinal);
        Assert.Contains("Acme Backup Admins", html, StringComparison.Ordinal);
        Assert.Contains("/invite @UpgradeBot", html, StringComparison.Ordinal);
        Assert.Contains("/upgrade help", html, StringComparison.Ordinal);
        var stored = await _bot.Installations.FindAsync("team:T0ACME001");
        Assert.NotNull(stored);
        Assert.Equal(
            ("T0ACME001", "Acme Backup Admins", _acme.BotUserId, _acme.BotId, FakeSlackOAuth.InstallerUserId, _bot.Slack.OAuth.TokenOf(_acme), false),
            (stored.TeamId, stored.TeamName, stored.BotUserId, stored.BotId, stored.InstallerUserId, stored.BotToken.Value, stored.IsEnterpriseInstall));
        Assert.Contains("chat:write", stored.Scopes, StringComparison.Ordinal);
        Assert.Null(stored.RefreshToken);
        Assert.DoesNotContain(_bot.Logs.Lines, l => l.Message.Contains(stored.BotToken.Value, StringComparison.Ordinal));
        Assert.DoesNotContain(_bot.Logs.Lines, l => l.Message.Contains(FakeSlackOAuth.ClientSecret, StringComparison.Ordinal));
        // The client secret went as HTTP Basic authentication, not in the body.
        var exchange = Assert.Single(_bot.Slack.Calls, c => c.Method == "oauth.v2.access");
        Assert.StartsWith("Basic ", exchange.Authorization, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeSlackOAuth.ClientSecret, exchange.Body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_state_is_refused_and_nothing_is_stored()
    {
        using var browser = _bot.Browser();
        await _bot.StartInstallAsync(browser);

        var done = await _bot.ReturnFromSlackAsync(browser, _bot.Slack.OAuth.Code(_acme, _bot.RedirectUri), "forged-state-the-bot-never-issued");

        await AssertRefusedAsync(done, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_state_started_in_another_browser_is_refused()
    {
        using var victim = _bot.Browser();
        using var attacker = _bot.Browser();
        var state = await _bot.StartInstallAsync(attacker);

        var done = await _bot.ReturnFromSlackAsync(victim, _bot.Slack.OAuth.Code(_acme, _bot.RedirectUri), state);

        await AssertRefusedAsync(done, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_replayed_state_is_refused()
    {
        using var browser = _bot.Browser();
        var state = await _bot.StartInstallAsync(browser);
        var other = _bot.Slack.AddWorkspace("T0OTHER01", "Other");
        // Requests carrying the state's cookie as given, the way a replay of the return would.
        using var replayer = _bot.Host.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        replayer.DefaultRequestHeaders.Add("Cookie", $"upgradebot_slack_state={state}");

        var first = await _bot.ReturnFromSlackAsync(replayer, _bot.Slack.OAuth.Code(_acme, _bot.RedirectUri), state);
        var replay = await _bot.ReturnFromSlackAsync(replayer, _bot.Slack.OAuth.Code(other, _bot.RedirectUri), state);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Null(await _bot.Installations.FindAsync("team:T0OTHER01"));
    }

    [Fact]
    public async Task An_expired_state_is_refused()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bot = await SlackBot.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var acme = bot.Slack.AddWorkspace("T0ACME001", "Acme Backup Admins");
        using var browser = bot.Browser();
        var state = await bot.StartInstallAsync(browser);

        clock.Advance(SlackInstaller.StateLifetime + TimeSpan.FromSeconds(1));
        var done = await bot.ReturnFromSlackAsync(browser, bot.Slack.OAuth.Code(acme, bot.RedirectUri), state);

        Assert.Equal(HttpStatusCode.BadRequest, done.StatusCode);
        Assert.Contains("data-testid=\"install-failed\"", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await bot.Installations.FindAsync("team:T0ACME001"));
    }

    [Fact]
    public async Task An_unknown_code_is_refused()
    {
        using var browser = _bot.Browser();
        var state = await _bot.StartInstallAsync(browser);

        var done = await _bot.ReturnFromSlackAsync(browser, "code-slack-never-issued", state);

        await AssertRefusedAsync(done, HttpStatusCode.BadRequest);
        Assert.Contains(_bot.Slack.Calls, c => c.Method == "oauth.v2.access");
    }

    [Fact]
    public async Task Cancelling_on_slack_is_refused_as_forbidden()
    {
        using var browser = _bot.Browser();
        var state = await _bot.StartInstallAsync(browser);

        var done = await _bot.ReturnFromSlackAsync(browser, code: null, state, error: "access_denied");

        await AssertRefusedAsync(done, HttpStatusCode.Forbidden);
        Assert.Contains("cancelled", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_state_only_an_org_wide_install_is_accepted()
    {
        var grid = _bot.Slack.AddOrganization("E0GRID001", "Grid Corp");
        using var browser = _bot.Browser();

        var workspace = await _bot.ReturnFromSlackAsync(browser, _bot.Slack.OAuth.Code(_acme, _bot.RedirectUri), state: null);
        var organization = await _bot.ReturnFromSlackAsync(browser, _bot.Slack.OAuth.Code(grid, _bot.RedirectUri), state: null);

        Assert.Equal(HttpStatusCode.BadRequest, workspace.StatusCode);
        Assert.Null(await _bot.Installations.FindAsync("team:T0ACME001"));
        Assert.Equal(HttpStatusCode.OK, organization.StatusCode);
        Assert.Contains("Grid Corp", await organization.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stored = await _bot.Installations.FindAsync("enterprise:E0GRID001");
        Assert.Equal((true, (string?)null, "E0GRID001", grid.BotUserId), (stored!.IsEnterpriseInstall, stored.TeamId, stored.EnterpriseId, stored.BotUserId));
    }

    [Fact]
    public async Task Without_client_credentials_the_install_pages_say_so_with_404()
    {
        await using var bot = await SlackBot.StartAsync(new Dictionary<string, string?>
        {
            ["Slack:ClientId"] = string.Empty,
            ["Slack:ClientSecret"] = string.Empty,
            ["Slack:RedirectUri"] = string.Empty,
        });
        using var browser = bot.Browser();

        var page = await browser.GetAsync("/api/slack/install");
        var back = await bot.ReturnFromSlackAsync(browser, "code", "state");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (page.StatusCode, back.StatusCode));
        Assert.Contains("data-testid=\"install-off\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_database_file_holds_no_token_in_plain_text()
    {
        _bot.Slack.OAuth.InstallTokenLifetime = TimeSpan.FromSeconds(30);
        await _bot.InstallAsync(_acme);
        // A post refreshes the token first: the refreshed pair is stored too.
        await _bot.EventAsync(SlackPayloads.Mention("Ev0SECRET1", "C0ACME01", "usage graph broken", from: SlackPayloads.Origin.Of(_acme)));
        await _bot.ProcessedAsync("Ev0SECRET1");
        Assert.Equal(1, _bot.Slack.OAuth.Refreshes);

        var files = Directory.GetFiles(Path.GetDirectoryName(_bot.Host.DatabaseFile)!, Path.GetFileName(_bot.Host.DatabaseFile) + "*");
        var bytes = files.SelectMany(File.ReadAllBytes).ToArray();
        // The installed bot and refresh tokens, the refreshed pair, and the app's client secret.
        Assert.Equal(4, _bot.Slack.OAuth.Issued.Count);
        foreach (var secret in _bot.Slack.OAuth.Issued.Append(FakeSlackOAuth.ClientSecret))
        {
            Assert.Equal(-1, bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(secret)));
            Assert.DoesNotContain(_bot.Logs.Lines, l => l.Message.Contains(secret, StringComparison.Ordinal));
        }

        Assert.NotNull(await _bot.Installations.FindAsync("team:T0ACME001"));
    }

    private async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Contains("data-testid=\"install-failed\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await _bot.Installations.FindAsync("team:T0ACME001"));
    }
}
