namespace UpgradeBot.Slack;

/// <summary><c>Slack</c>: the app's credentials and where its Web API is.</summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";

    /// <summary>Signs every request Slack sends us; empty refuses all Slack requests.</summary>
    public string SigningSecret { get; set; } = string.Empty;

    /// <summary>The bot token (<c>xoxb-…</c>) for the Web API; empty means the bot cannot post.</summary>
    public string BotToken { get; set; } = string.Empty;

    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>
    /// Messages per second across the whole workspace. Slack allows about one message per second
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
