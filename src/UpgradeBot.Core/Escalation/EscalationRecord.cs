using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Customers;

namespace UpgradeBot.Core.Escalation;

/// <summary>An escalation as Customer Champions receive it: the reference plus everything the user's question carried.</summary>
/// <param name="Customer">Who the customer is at the vendor, as its settings stood when the escalation was made; null while not set up.</param>
public sealed record EscalationRecord(
    string Reference,
    Asker Asker,
    EscalationContext Context,
    DeliveryStatus Status,
    DateTimeOffset CreatedAt,
    CustomerProfile? Customer = null);
