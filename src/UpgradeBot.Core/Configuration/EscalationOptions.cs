namespace UpgradeBot.Core.Configuration;

/// <summary><c>Escalation</c>: when the bot offers to escalate, how often a user may, and where escalations go.</summary>
public sealed class EscalationOptions
{
    public const string Section = "Escalation";

    public int GraceBusinessDays { get; set; } = 1;

    public int LookbackDays { get; set; } = 14;

    public int MaxPerUserPerDay { get; set; } = 5;

    public DeliveryOptions Delivery { get; set; } = new();

    public WebhookOptions Webhook { get; set; } = new();

    public TeamsChampionsOptions Teams { get; set; } = new();

    public SlackChampionsOptions Slack { get; set; } = new();
}

/// <summary><c>Escalation:Webhook</c>: a generic HTTPS receiver for Customer Champions' tooling.</summary>
public sealed class WebhookOptions
{
    public string? Url { get; set; }

    /// <summary>Key of the HMAC-SHA256 signature sent in <c>X-UpgradeBot-Signature</c>.</summary>
    public string? Secret { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary><c>Escalation:Delivery</c>: how hard the outbox tries each destination before it gives up.</summary>
public sealed class DeliveryOptions
{
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Delay before the first retry; each later retry doubles it, with jitter.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the outbox looks for due deliveries when nothing wakes it earlier.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary><c>Escalation:Teams</c>: the Customer Champions conversation in Teams.</summary>
public sealed class TeamsChampionsOptions
{
    public string? ConversationId { get; set; }

    public string? ServiceUrl { get; set; }

    public string? TenantId { get; set; }
}

/// <summary><c>Escalation:Slack</c>: the Customer Champions channel in Slack.</summary>
public sealed class SlackChampionsOptions
{
    public string? ChannelId { get; set; }
}
