namespace UpgradeBot.Core.Customers;

/// <summary>The settings form's field names and choices, shared by both renderers and the platforms reading a submitted form back.</summary>
public static class CustomerSettingsFields
{
    /// <summary>The verb (Teams) and callback id (Slack) of a submitted settings form.</summary>
    public const string SubmitVerb = "customerSettings";

    public const string Deployment = "deployment";
    public const string AccountId = "accountId";
    public const string SupportContact = "supportContact";

    public const string DeploymentLabel = "Deployment";
    public const string AccountIdLabel = "Customer account id";
    public const string SupportContactLabel = "Support contact email";

    /// <summary>The deployment choices, value (a <see cref="DeploymentType"/> name) and what the person reads.</summary>
    public static IReadOnlyList<(string Value, string Title)> DeploymentChoices { get; } =
    [
        (nameof(DeploymentType.PublicCloud), "Public cloud"),
        (nameof(DeploymentType.HybridCloud), "Hybrid cloud"),
        (nameof(DeploymentType.Unknown), "Not sure"),
    ];

    /// <summary>What a read-only form shows for a deployment value.</summary>
    public static string DeploymentTitle(string? value) =>
        DeploymentChoices.FirstOrDefault(c => string.Equals(c.Value, value, StringComparison.Ordinal)).Title ?? "Not sure";
}
