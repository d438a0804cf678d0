using UpgradeBot.Core.Answers;

namespace UpgradeBot.Core.Escalation;

/// <summary>An escalation as Customer Champions receive it: the reference plus everything the user's question carried.</summary>
public sealed record EscalationRecord(
    string Reference,
    Asker Asker,
    EscalationContext Context,
    DeliveryStatus Status,
    DateTimeOffset CreatedAt);
