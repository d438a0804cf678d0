namespace UpgradeBot.Core.Escalation;

public sealed record EscalationPage(IReadOnlyList<EscalationRecord> Items, int Total);
