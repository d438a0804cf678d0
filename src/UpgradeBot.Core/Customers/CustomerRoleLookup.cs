namespace UpgradeBot.Core.Customers;

/// <summary>Asks the platform for the person's <see cref="CustomerRole"/>: one call to the platform, made only when a decision needs it.</summary>
public delegate Task<CustomerRole> CustomerRoleLookup(CancellationToken cancellationToken);
