using UpgradeBot.Core.Escalation;

namespace UpgradeBot.Escalation;

/// <summary>Who moved the escalation on, when, and their note to the requester.</summary>
public sealed record WebhookStateChange(WebhookActor By, DateTimeOffset At, string? Note)
{
    public static WebhookStateChange? From(EscalationStateChange? change) =>
        change is null ? null : new(new WebhookActor(change.By.Platform, change.By.Id, change.By.Name), change.At, change.Note);
}
