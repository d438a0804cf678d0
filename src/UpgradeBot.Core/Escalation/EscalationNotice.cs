using UpgradeBot.Core.Messaging;

namespace UpgradeBot.Core.Escalation;

/// <summary>What Customer Champions receive for an escalation: the record with everything the question carried.</summary>
public sealed record EscalationNotice(EscalationRecord Escalation) : MessageContent;
