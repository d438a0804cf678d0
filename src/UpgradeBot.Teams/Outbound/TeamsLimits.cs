using UpgradeBot.Core.Messaging;

namespace UpgradeBot.Teams.Outbound;

/// <summary>
/// Teams' limits on proactive sends: per bot and conversation 7 in 1 s, 8 in 2 s, 60 in 30 s and
/// 1,800 an hour; per tenant a configured rate (Teams allows an app about 30–50 requests a second).
/// </summary>
internal sealed class TeamsLimits(TeamsOptions options)
{
    private static readonly (int Count, TimeSpan Window)[] PerConversation =
    [
        (7, TimeSpan.FromSeconds(1)),
        (8, TimeSpan.FromSeconds(2)),
        (60, TimeSpan.FromSeconds(30)),
        (1_800, TimeSpan.FromHours(1)),
    ];

    /// <summary>Longer than this, a send is handed back to its outbox rather than waited for.</summary>
    public TimeSpan MaxWait => options.MaxSendWait;

    public static string ConversationKey(string conversationId) => $"teams:conversation:{conversationId}";

    public IReadOnlyList<RateLimit> For(string tenantId, string conversationId)
    {
        var conversation = ConversationKey(conversationId);
        var limits = new List<RateLimit>(PerConversation.Length + 1)
        {
            new($"teams:tenant:{tenantId}", options.SendsPerSecondFor(tenantId), TimeSpan.FromSeconds(1)),
        };
        limits.AddRange(PerConversation.Select((l, i) => new RateLimit($"{conversation}:{i}", l.Count, l.Window)));
        return limits;
    }
}
