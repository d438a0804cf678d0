using Microsoft.AspNetCore.Http;

namespace UpgradeBot.Slack.Installations;

/// <summary>
/// <c>GET /api/slack/install</c> (the "Add to Slack" page, or with <c>?direct=1</c> straight to
/// Slack) and <c>GET /api/slack/oauth_redirect</c> (where Slack sends the browser back). Pages are
/// not cached, send no referrer (the return address carries the code) and load nothing.
/// </summary>
internal static class SlackOAuthEndpoints
{
    /// <summary>Holds the state this browser was given; sent back to the <c>/api/slack</c> paths only.</summary>
    public const string StateCookie = "upgradebot_slack_state";

    private const string CookiePath = "/api/slack";

    public static async Task<IResult> Install(HttpContext http, SlackInstaller installer, IOptionsMonitor<SlackOptions> options)
    {
        if (!options.CurrentValue.Distributed)
        {
            return Html(http, StatusCodes.Status404NotFound, SlackInstallPages.NotOffered());
        }

        var (state, authorizeUrl) = await installer.BeginAsync(http.RequestAborted).ConfigureAwait(false);
        http.Response.Cookies.Append(StateCookie, state, new CookieOptions
        {
            HttpOnly = true,
            // Lax: the cookie comes along when Slack's page sends the browser back here (a top-level GET).
            SameSite = SameSiteMode.Lax,
            // Tests and the playground run over plain HTTP on loopback; anything public is HTTPS.
            Secure = http.Request.IsHttps,
            Path = CookiePath,
            MaxAge = SlackInstaller.StateLifetime,
        });
        return http.Request.Query["direct"] == "1"
            ? Results.Redirect(authorizeUrl)
            : Html(http, StatusCodes.Status200OK, SlackInstallPages.Install(authorizeUrl));
    }

    public static async Task<IResult> Redirect(HttpContext http, SlackInstaller installer, IOptionsMonitor<SlackOptions> options)
    {
        if (!options.CurrentValue.Distributed)
        {
            return Html(http, StatusCodes.Status404NotFound, SlackInstallPages.NotOffered());
        }

        var query = http.Request.Query;
        var result = await installer.CompleteAsync(
            Single(query["error"]), Single(query["code"]), Single(query["state"]), http.Request.Cookies[StateCookie], http.RequestAborted).ConfigureAwait(false);
        // Whatever happened, the state is spent.
        http.Response.Cookies.Delete(StateCookie, new CookieOptions { Path = CookiePath, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps });
        return result switch
        {
            { Installation: { } installation } => Html(http, StatusCodes.Status200OK, SlackInstallPages.Installed(installation)),
            { Failure: SlackInstallFailure.Cancelled } => Html(http, StatusCodes.Status403Forbidden, SlackInstallPages.Failed(result.Failure)),
            { Failure: SlackInstallFailure.Unreachable } => Html(http, StatusCodes.Status502BadGateway, SlackInstallPages.Failed(result.Failure)),
            _ => Html(http, StatusCodes.Status400BadRequest, SlackInstallPages.Failed(result.Failure)),
        };
    }

    /// <summary>A parameter given more than once is as good as none.</summary>
    private static string? Single(Microsoft.Extensions.Primitives.StringValues values) => values.Count == 1 ? values[0] : null;

    private static IResult Html(HttpContext http, int status, string page)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Content-Type-Options"] = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'";
        return Results.Content(page, "text/html; charset=utf-8", statusCode: status);
    }
}
