namespace UpgradeBot.Core.Escalation;

/// <summary>
/// One pending update of one copy of an escalation after <see cref="Event"/> (the outbox row): the
/// Customer Champions post at <see cref="Destination"/>, or the requester's conversation
/// (<see cref="Requester"/>).
/// </summary>
/// <param name="PostId">The destination's post of this escalation, to update in place; null when there is none.</param>
public sealed record EscalationUpdate(string Reference, EscalationEvent Event, string Destination, int Attempts, string? PostId)
{
    /// <summary>The destination name of the conversation the requester escalated from.</summary>
    public const string Requester = "requester";
}
