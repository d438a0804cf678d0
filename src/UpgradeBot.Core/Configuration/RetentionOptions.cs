namespace UpgradeBot.Core.Configuration;

/// <summary>
/// <c>Retention</c>: how long what the bot stored about its customers is kept, and how often what
/// is due to go is deleted. docs/data.md says the same for each table, for a customer's reviewer.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>After an inbound event was handled (or given up), its payload is deleted.</summary>
    public TimeSpan ProcessedEvents { get; set; } = TimeSpan.FromDays(1);

    /// <summary>After an inbound event was handled, its id (kept alone to recognise the platform's retries) is deleted.</summary>
    public TimeSpan EventIds { get; set; } = TimeSpan.FromDays(7);

    /// <summary>After an announcement was sent, failed or dropped, its row is deleted (never while its upgrade is still announced).</summary>
    public TimeSpan Announcements { get; set; } = TimeSpan.FromDays(90);

    /// <summary>After an escalation was closed, it is deleted with its deliveries and attempts; open ones are kept.</summary>
    public TimeSpan Escalations { get; set; } = TimeSpan.FromDays(730);

    /// <summary>After a workspace or tenant removed the app, everything stored about it is deleted, unless it came back meanwhile.</summary>
    public TimeSpan UninstalledWorkspaces { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the deletions run.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);
}
