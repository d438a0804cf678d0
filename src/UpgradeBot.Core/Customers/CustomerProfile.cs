namespace UpgradeBot.Core.Customers;

/// <summary>Who a customer is at the vendor, as its own admins set it up: carried by every escalation.</summary>
/// <param name="AccountId">The customer's account id at the vendor; null while not set up.</param>
/// <param name="SupportContact">The customer's registered support contact (an email address); null while not set up.</param>
public sealed record CustomerProfile(string? AccountId, string? SupportContact);
