namespace UpgradeBot.Escalation;

/// <summary>A Customer Champion (<c>platform</c> "teams" or "slack"), or "admin" for a change made through the admin API.</summary>
public sealed record WebhookActor(string Platform, string Id, string Name);
