namespace UpgradeBot.Escalation;

/// <summary>The customer behind the requester, as its admins set it up; either may be null while not set up.</summary>
public sealed record WebhookCustomer(string? AccountId, string? SupportContact);
