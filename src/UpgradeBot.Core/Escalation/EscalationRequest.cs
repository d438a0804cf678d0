namespace UpgradeBot.Core.Escalation;

/// <summary>A press of the escalate button: who pressed it, where, and the context the button carried.</summary>
/// <param name="Origin">Where to tell the requester about progress; null when the platform cannot say.</param>
public sealed record EscalationRequest(Asker Asker, EscalationContext Context, EscalationOrigin? Origin = null);
