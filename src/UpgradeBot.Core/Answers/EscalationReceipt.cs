namespace UpgradeBot.Core.Answers;

/// <summary>Shown instead of the button once an escalation exists.</summary>
public sealed record EscalationReceipt(string Reference, bool IsNew, string WhatHappensNext);
