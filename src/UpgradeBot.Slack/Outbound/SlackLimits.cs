namespace UpgradeBot.Slack.Outbound;

/// <summary>Slack's published message limits.</summary>
public static class SlackLimits
{
    /// <summary>chat.postMessage allows about one message per second per channel, short bursts aside.</summary>
    public static readonly TimeSpan PerChannel = TimeSpan.FromSeconds(1);
}
