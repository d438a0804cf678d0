namespace UpgradeBot.Core.Configuration;

/// <summary><c>Escalation:Delivery</c>, <c>Announcements:Delivery</c>: how hard an outbox tries each row before it gives up.</summary>
public sealed class DeliveryOptions
{
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Delay before the first retry; each later retry doubles it, with jitter.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the outbox looks for due rows when nothing wakes it earlier.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
}
