namespace UpgradeBot.Teams;

/// <summary><c>Teams</c>: proactive sending limits.</summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";

    /// <summary>Teams allows an app about 30–50 requests a second per tenant; this stays at the low end by default.</summary>
    public int TenantSendsPerSecond { get; set; } = 30;

    /// <summary>Per-tenant overrides of <see cref="TenantSendsPerSecond"/>, keyed by tenant id.</summary>
    public Dictionary<string, int> TenantSendsPerSecondOverrides { get; set; } = [];

    /// <summary>A send that would wait longer than this for its rate limit goes back to its outbox, which tries it again then.</summary>
    public TimeSpan MaxSendWait { get; set; } = TimeSpan.FromSeconds(1);

    public int SendsPerSecondFor(string tenantId) =>
        TenantSendsPerSecondOverrides.TryGetValue(tenantId, out var rate) ? rate : TenantSendsPerSecond;
}
