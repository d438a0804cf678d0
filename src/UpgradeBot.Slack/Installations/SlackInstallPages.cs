using System.Net;

namespace UpgradeBot.Slack.Installations;

/// <summary>The few HTML pages of "Add to Slack": small, self-contained, every name from Slack HTML-encoded.</summary>
internal static class SlackInstallPages
{
    public static string Install(string authorizeUrl) => Page(
        "Add UpgradeBot to Slack",
        "install",
        $"""
        <p>UpgradeBot tells your admins whether what they see in the backup console is caused by a public cloud upgrade, posts upgrade announcements in the channels you invite it to, and hands real problems to Customer Champions.</p>
        <p>Adding it to your Slack workspace takes a minute: Slack shows you what it may do, and you approve.</p>
        <p><a class="button" data-testid="add-to-slack" href="{Encode(authorizeUrl)}">Add to Slack</a></p>
        """);

    public static string Installed(SlackInstallation installation) => Page(
        "UpgradeBot is installed",
        "install-success",
        installation.IsEnterpriseInstall
            ? $"""
              <p>UpgradeBot is installed for your organization <strong data-testid="workspace">{Encode(installation.DisplayName)}</strong>.</p>
              <h2>What to do next</h2>
              <ol>
              <li>In your organization's admin pages (Manage apps), add UpgradeBot to the workspaces that should have it.</li>
              <li>In each channel that should get upgrade announcements, type <code>/invite @UpgradeBot</code>.</li>
              <li>Type <code>/upgrade help</code> in any channel to see what it can do.</li>
              </ol>
              """
            : $"""
              <p>UpgradeBot is now in your workspace <strong data-testid="workspace">{Encode(installation.DisplayName)}</strong>.</p>
              <h2>What to do next</h2>
              <ol>
              <li>In each channel that should get upgrade announcements, type <code>/invite @UpgradeBot</code>. It says hello there.</li>
              <li>Ask it something: mention <code>@UpgradeBot</code> in a channel, message it directly, or type <code>/upgrade help</code> to see what it can do.</li>
              </ol>
              """);

    public static string Failed(SlackInstallFailure failure) => Page(
        "UpgradeBot was not installed",
        "install-failed",
        failure switch
        {
            SlackInstallFailure.Cancelled => "<p>The installation was cancelled in Slack, so nothing was installed. You can start again whenever you like.</p>",
            SlackInstallFailure.BadState => "<p>This installation link was not started in this browser, has expired (links last ten minutes), or was used already. Nothing was installed. Please start again from the install page.</p>",
            SlackInstallFailure.Unreachable => "<p>Slack could not be reached to finish the installation, so nothing was installed. Please try again in a few minutes.</p>",
            _ => "<p>Slack did not confirm the installation, so nothing was installed. Please start again from the install page.</p>",
        } + """<p><a href="install">Start again</a></p>""");

    public static string NotOffered() => Page(
        "Add to Slack is not set up here",
        "install-off",
        "<p>This UpgradeBot service does not offer installation into Slack workspaces. Ask the people who run it for an installation link.</p>");

    private static string Page(string title, string testId, string body) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{Encode(title)}}</title>
        <style>
        body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; color: #1d1c1d; line-height: 1.5; }
        .button { display: inline-block; padding: .6rem 1.2rem; background: #4a154b; color: #fff; border-radius: .3rem; text-decoration: none; font-weight: 600; }
        code { background: #f4f4f4; padding: 0 .25rem; }
        </style>
        </head>
        <body>
        <main data-testid="{{testId}}">
        <h1>{{Encode(title)}}</h1>
        {{body}}
        </main>
        </body>
        </html>
        """;

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
