namespace UpgradeBot.Core.Escalation;

/// <summary>One pending delivery of an escalation to one destination (the outbox row), as a claim hands it out.</summary>
public sealed record EscalationDelivery(string Reference, string Destination, int Attempts);
