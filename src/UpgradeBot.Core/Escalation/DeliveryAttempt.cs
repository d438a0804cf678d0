namespace UpgradeBot.Core.Escalation;

/// <summary>One try at delivering an escalation, as the admin API shows it.</summary>
public sealed record DeliveryAttempt(string Destination, int Attempt, DateTimeOffset At, bool Succeeded, string? Error);
