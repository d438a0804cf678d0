namespace UpgradeBot.Core.Escalation;

/// <summary>One step of an escalation: who moved it to <see cref="State"/>, when, and what they noted.</summary>
public sealed record EscalationStateChange(EscalationState State, EscalationActor By, DateTimeOffset At, string? Note)
{
    /// <summary>Room for a sentence or two to the requester, well inside every platform's text limits.</summary>
    public const int MaxNoteLength = 1000;
}
