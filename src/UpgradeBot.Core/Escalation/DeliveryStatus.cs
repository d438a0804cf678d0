namespace UpgradeBot.Core.Escalation;

/// <summary>How far delivery to Customer Champions has got.</summary>
public enum DeliveryStatus
{
    /// <summary>Recorded; delivery pending or being retried.</summary>
    Pending,

    /// <summary>Every configured destination has it.</summary>
    Delivered,

    /// <summary>A destination gave up after the configured attempts.</summary>
    Failed,
}
