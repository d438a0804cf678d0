namespace UpgradeBot.Core.Customers;

/// <summary>One change of a customer's settings: who made it, when, and the settings it left.</summary>
public sealed record CustomerChange(DateTimeOffset At, string UserId, string UserName, CustomerSettings Settings);
