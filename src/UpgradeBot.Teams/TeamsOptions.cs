namespace UpgradeBot.Teams;

/// <summary><c>Teams</c>: proactive sending limits and retries.</summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";

    /// <summary>Teams allows an app about 30–50 requests a second per tenant; this stays at the low end by default.</summary>
    public int TenantSendsPerSecond { get; set; } = 30;

    /// <summary>Per-tenant overrides of <see cref="TenantSendsPerSecond"/>, keyed by tenant id.</summary>
    public Dictionary<string, int> TenantSendsPerSecondOverrides { get; set; } = [];

    /// <summary>Attempts per send, the first included, for answers Teams marks as worth retrying (429, 412, 502, 504).</summary>
    public int MaxSendAttempts { get; set; } = 4;

    /// <summary>Delay before the first retry; each later retry doubles it, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public int SendsPerSecondFor(string tenantId) =>
        TenantSendsPerSecondOverrides.TryGetValue(tenantId, out var rate) ? rate : TenantSendsPerSecond;
}
