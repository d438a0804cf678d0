using UpgradeBot.Core.Deployments;

namespace UpgradeBot.Core.Configuration;

/// <summary><c>Deployments</c>: which deployment type customers run, by default and per tenant or workspace id.</summary>
public sealed class DeploymentsOptions
{
    public const string Section = "Deployments";

    public DeploymentType Default { get; set; } = DeploymentType.Unknown;

    public Dictionary<string, DeploymentType> Tenants { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary><c>Knowledge</c>: where the knowledge file is; empty means the one shipped next to the binaries.</summary>
public sealed class KnowledgeOptions
{
    public const string Section = "Knowledge";

    public string? Path { get; set; }
}

/// <summary><c>Storage</c>: the database.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public string Provider { get; set; } = "Sqlite";

    /// <summary>A relative SQLite file path is resolved against the directory of the binaries.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/upgradebot.db";
}

/// <summary><c>Announcements</c>: timing of scheduled posts.</summary>
public sealed class AnnouncementOptions
{
    public const string Section = "Announcements";

    public TimeSpan ReminderLead { get; set; } = TimeSpan.FromHours(24);

    /// <summary>After downtime, windows that ended longer ago than this are not announced at all.</summary>
    public TimeSpan CatchUpLimit { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Retries of a post that failed for a passing reason (rate limit, outage); <c>PollInterval</c> is also how often due posts are looked for.</summary>
    public DeliveryOptions Delivery { get; set; } = new();

    /// <summary>Posts in flight at once across all channels; each platform sender still applies its own rate limits.</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>How long a claimed post stays hidden from other dispatchers; after a crash it is sent again once this passes.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary><c>Admin</c>: keys for the admin API; none configured means the admin API is off.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    public List<string> ApiKeys { get; set; } = [];
}
