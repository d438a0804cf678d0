using UpgradeBot.Core.Escalation;

namespace UpgradeBot.Core.Answers;

/// <summary>Shown instead of the button once an escalation exists.</summary>
/// <param name="Latest">What Customer Champions last did with it (who, when, their note); null while it is open.</param>
/// <param name="TicketId">The help desk's ticket, once there is one.</param>
public sealed record EscalationReceipt(string Reference, bool IsNew, string WhatHappensNext, EscalationStateChange? Latest = null, string? TicketId = null);
