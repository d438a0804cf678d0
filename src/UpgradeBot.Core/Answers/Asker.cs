namespace UpgradeBot.Core.Answers;

/// <summary>Who asked, and where: enough to answer and to escalate, with no platform types.</summary>
/// <param name="CustomerId">
/// The customer the asker belongs to, when it is not the tenant itself: a Slack Enterprise Grid
/// organization that installed the app for all its workspaces.
/// </param>
public sealed record Asker(string Platform, string TenantId, string UserId, string UserName, string ConversationId, string? CustomerId = null)
{
    /// <summary>Whose settings apply to what this person asks.</summary>
    public CustomerKey Customer => new(Platform, CustomerId ?? TenantId);
}
