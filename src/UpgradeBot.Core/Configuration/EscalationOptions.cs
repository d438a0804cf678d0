namespace UpgradeBot.Core.Configuration;

/// <summary>
/// <c>Escalation</c>: when the bot offers to escalate, how often a user may, and how hard the outbox
/// tries. Where escalations go is each destination's own section (<c>Escalation:Webhook</c>,
/// <c>Escalation:Teams</c>, <c>Escalation:Slack</c>), owned by the project that sends there.
/// </summary>
public sealed class EscalationOptions
{
    public const string Section = "Escalation";

    public int GraceBusinessDays { get; set; } = 1;

    public int LookbackDays { get; set; } = 14;

    public int MaxPerUserPerDay { get; set; } = 5;

    public DeliveryOptions Delivery { get; set; } = new();

    /// <summary>How long a claimed delivery stays hidden from other instances' outboxes; after a crash it is sent again once this passes.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);
}
