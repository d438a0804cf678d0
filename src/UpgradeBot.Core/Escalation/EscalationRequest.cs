using UpgradeBot.Core.Answers;

namespace UpgradeBot.Core.Escalation;

/// <summary>A press of the escalate button: who pressed it, where, and the context the button carried.</summary>
public sealed record EscalationRequest(Asker Asker, EscalationContext Context);
