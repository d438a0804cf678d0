namespace UpgradeBot.Core.Escalation;

/// <summary>An update row as the admin API shows it.</summary>
public sealed record EscalationUpdateStatus(EscalationEvent Event, string Destination, EscalationUpdateState State, int Attempts, string? Error);
