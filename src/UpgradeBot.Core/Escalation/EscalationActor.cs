namespace UpgradeBot.Core.Escalation;

/// <summary>Who changed an escalation's state: a Customer Champion on a platform, or a caller of the admin API.</summary>
/// <param name="Platform">"teams", "slack", or "admin" for the admin API.</param>
/// <param name="Id">The person's id on that platform.</param>
/// <param name="Name">The name shown to Customer Champions and to the requester.</param>
public sealed record EscalationActor(string Platform, string Id, string Name)
{
    public const string AdminPlatform = "admin";
}
