namespace UpgradeBot.Teams.Outbound;

/// <summary>
/// Teams' limits on proactive sends: per bot and conversation 7 in 1 s, 8 in 2 s, 60 in 30 s and
/// 1,800 an hour; per tenant a configured rate (Teams allows an app about 30–50 requests a second),
/// a ceiling the limiter lowers when Teams answers 429.
/// </summary>
internal sealed class TeamsLimits(TeamsOptions options)
{
    /// <summary>The first window's key is the conversation's own, so a 429's pause on it holds every send there.</summary>
    private static readonly (string Suffix, int Count, TimeSpan Window)[] PerConversation =
    [
        (string.Empty, 7, TimeSpan.FromSeconds(1)),
        (":2s", 8, TimeSpan.FromSeconds(2)),
        (":30s", 60, TimeSpan.FromSeconds(30)),
        (":1h", 1_800, TimeSpan.FromHours(1)),
    ];

    /// <summary>Longer than this, a send is handed back to its outbox rather than waited for.</summary>
    public TimeSpan MaxWait => options.MaxSendWait;

    public static string ConversationKey(string conversationId) => $"teams:conversation:{conversationId}";

    /// <summary>Evenly spaced rather than a count per second: a burst at the cap arrives bunched and trips it.</summary>
    public RateLimit Tenant(string tenantId) =>
        new($"teams:tenant:{tenantId}", 1, TimeSpan.FromSeconds(1.0 / options.SendsPerSecondFor(tenantId)));

    public IReadOnlyList<RateLimit> For(string tenantId, string conversationId)
    {
        var conversation = ConversationKey(conversationId);
        var limits = new List<RateLimit>(PerConversation.Length + 1) { Tenant(tenantId) };
        limits.AddRange(PerConversation.Select(l => new RateLimit(conversation + l.Suffix, l.Count, l.Window)));
        return limits;
    }
}
