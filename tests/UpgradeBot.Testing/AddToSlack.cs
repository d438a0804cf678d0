using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace UpgradeBot.Testing;

/// <summary>
/// "Add to Slack" for many workspaces of a <see cref="LimitedSlack"/>, through running hosts' real
/// endpoints as admins' browsers go through it: the install link (<c>/api/slack/install?direct=1</c>,
/// a 302 to the authorize page with a state and the state's cookie), the authorize page approving the
/// workspace named in <c>team</c>, and the way back to <c>/api/slack/oauth_redirect</c> with the code,
/// the state and the cookie, which must end on the success page naming the workspace.
/// </summary>
public static class AddToSlack
{
    /// <summary>
    /// The public address of the fleet's callback (<c>Slack:RedirectUri</c>), behind its load balancer.
    /// Nothing listens there: <see cref="InstallAsync"/> plays the load balancer and takes each browser
    /// back to the host it started on.
    /// </summary>
    public const string RedirectUri = "https://fleet.upgradebot.test/api/slack/oauth_redirect";

    private const string RedirectPath = "/api/slack/oauth_redirect";

    /// <summary>A host's settings, as environment variables, for the distributed app on <paramref name="slack"/>, with no bot token of its own.</summary>
    public static Dictionary<string, string> Settings(LimitedSlack slack) => new()
    {
        ["Slack__ApiBaseUrl"] = slack.ApiBaseUrl,
        ["Slack__AuthorizeUrl"] = slack.AuthorizeUrl,
        ["Slack__ClientId"] = FakeSlackOAuth.ClientId,
        ["Slack__ClientSecret"] = FakeSlackOAuth.ClientSecret,
        ["Slack__RedirectUri"] = RedirectUri,
    };

    /// <summary>Installs the workspaces <paramref name="teams"/>, <paramref name="concurrency"/> at a time, each through the next of <paramref name="hosts"/> in turn.</summary>
    public static async Task InstallAsync(IReadOnlyList<Uri> hosts, IEnumerable<string> teams, int concurrency = 8, CancellationToken cancellationToken = default)
    {
        // The authorize page is another site: no cookies of the bot go there.
        using var slack = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        await Parallel.ForEachAsync(
            teams.Select((team, i) => (Team: team, Host: hosts[i % hosts.Count])),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            (install, token) => new ValueTask(InstallAsync(install.Host, slack, install.Team, token)));
    }

    private static async Task InstallAsync(Uri host, HttpClient slack, string team, CancellationToken cancellationToken)
    {
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = host };
        using var start = await browser.GetAsync("/api/slack/install?direct=1", cancellationToken);
        var authorize = Redirected(start, team, "the install link");
        using var approved = await slack.GetAsync(QueryHelpers.AddQueryString(authorize.AbsoluteUri, "team", team), cancellationToken);
        var back = Redirected(approved, team, "Slack's authorize page");
        if (back.GetLeftPart(UriPartial.Path) != RedirectUri)
        {
            throw new InvalidOperationException($"{team}: Slack sent the browser to {back.GetLeftPart(UriPartial.Path)}, not to {RedirectUri}.");
        }

        using var done = await browser.GetAsync(RedirectPath + back.Query, cancellationToken);
        var page = await done.Content.ReadAsStringAsync(cancellationToken);
        if (done.StatusCode != HttpStatusCode.OK
            || !page.Contains("data-testid=\"install-success\"", StringComparison.Ordinal)
            || !page.Contains(WebUtility.HtmlEncode(LimitedSlack.Name(team)), StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{team}: the way back from Slack answered {(int)done.StatusCode}:{Environment.NewLine}{page}");
        }
    }

    private static Uri Redirected(HttpResponseMessage response, string team, string what) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { IsAbsoluteUri: true } location
            ? location
            : throw new InvalidOperationException($"{team}: {what} answered {(int)response.StatusCode} instead of sending the browser on.");
}
