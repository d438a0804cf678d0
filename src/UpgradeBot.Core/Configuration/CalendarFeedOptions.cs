namespace UpgradeBot.Core.Configuration;

/// <summary><c>Calendar:Feed</c>: the iCalendar feed admins subscribe to (<c>GET /api/calendar/upgrades.ics</c>).</summary>
public sealed class CalendarFeedOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The feed's address as admins reach it (behind any proxy), for the "Add to calendar" links;
    /// empty means no links are offered, though the feed is still served.
    /// </summary>
    public string? PublicUrl { get; set; }
}
