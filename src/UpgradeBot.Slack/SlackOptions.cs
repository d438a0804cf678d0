namespace UpgradeBot.Slack;

/// <summary>
/// <c>Slack</c>: the app's credentials and where its Web API is. The bot serves the workspaces that
/// installed it through "Add to Slack" (the distributed app: <see cref="ClientId"/>,
/// <see cref="ClientSecret"/>, <see cref="RedirectUri"/>), the one workspace of <see cref="BotToken"/>,
/// or both.
/// </summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";

    /// <summary>Signs every request Slack sends us; empty refuses all Slack requests.</summary>
    public string SigningSecret { get; set; } = string.Empty;

    /// <summary>A bot token (<c>xoxb-…</c>) for one workspace, without the install flow; empty when every workspace installs through OAuth.</summary>
    public string BotToken { get; set; } = string.Empty;

    /// <summary>The app's Client ID (Basic Information → App Credentials); empty turns "Add to Slack" off.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>The app's Client Secret, for exchanging codes and refreshing rotated tokens.</summary>
    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>The public address of <c>/api/slack/oauth_redirect</c>, as listed in the app's redirect URLs.</summary>
    public Uri? RedirectUri { get; set; }

    /// <summary>Slack's authorize page, where "Add to Slack" leads.</summary>
    public Uri AuthorizeUrl { get; set; } = new("https://slack.com/oauth/v2/authorize");

    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>True when "Add to Slack" is set up: client id, client secret and redirect URL are all given.</summary>
    public bool Distributed => ClientId.Length > 0 && ClientSecret.Length > 0 && RedirectUri is not null;

    /// <summary>
    /// Messages per second across each workspace. Slack allows about one message per second
    /// per channel and applies a workspace-wide cap on top, which it does not publish as a number.
    /// </summary>
    public double WorkspaceMessagesPerSecond { get; set; } = 20;

    /// <summary>How often the inbound queue is read when nothing wakes it (a crash's leftovers, retries).</summary>
    public TimeSpan InboundPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts at one inbound event before it is given up (logged) so it cannot block its conversation.</summary>
    public int InboundMaxAttempts { get; set; } = 5;

    /// <summary>How long a claimed inbound event stays hidden from other workers; after a crash it is handled again once this passes.</summary>
    public TimeSpan InboundClaimLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A post that would wait longer than this for its rate limit is put back in its queue, which tries it again then.</summary>
    public TimeSpan MaxSendWait { get; set; } = TimeSpan.FromSeconds(1);
}
