namespace UpgradeBot.Escalation;

/// <summary><c>Escalation:Webhook</c>: a generic HTTPS receiver for Customer Champions' tooling.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Escalation:Webhook";

    public string? Url { get; set; }

    /// <summary>Key of the HMAC-SHA256 signature sent in <c>X-UpgradeBot-Signature</c>.</summary>
    public string? Secret { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
