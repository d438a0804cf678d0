namespace UpgradeBot.Core.Configuration;

/// <summary><c>Announcements</c>: timing of scheduled posts.</summary>
public sealed class AnnouncementOptions
{
    public const string Section = "Announcements";

    public TimeSpan ReminderLead { get; set; } = TimeSpan.FromHours(24);

    /// <summary>After downtime, windows that ended longer ago than this are not announced at all.</summary>
    public TimeSpan CatchUpLimit { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Retries of a post that failed for a passing reason (rate limit, outage); <c>PollInterval</c> is also how often due posts are looked for.</summary>
    public DeliveryOptions Delivery { get; set; } = new();

    /// <summary>
    /// Posts in hand at once across all channels; each platform sender still applies its own rate
    /// limits. A post holds its place while the platform answers (about 150 ms for Slack and Teams)
    /// and while it waits for its rate-limit slot (up to the sender's MaxSendWait), so sending at a few
    /// hundred a second across many workspaces takes more than a few dozen places.
    /// </summary>
    public int MaxConcurrency { get; set; } = 128;

    /// <summary>How long a claimed post stays hidden from other dispatchers; after a crash it is sent again once this passes.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);
}
