namespace UpgradeBot.Core.Customers;

/// <summary>The settings form's field names and choices, shared by both renderers and the platforms reading a submitted form back.</summary>
public static class CustomerSettingsFields
{
    /// <summary>The verb (Teams) and callback id (Slack) of a submitted settings form.</summary>
    public const string SubmitVerb = "customerSettings";

    public static CustomerSettingsField Deployment { get; } = new("deployment", "Deployment");

    public static CustomerSettingsField AccountId { get; } = new("accountId", "Customer account id");

    public static CustomerSettingsField SupportContact { get; } = new("supportContact", "Support contact email");

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

    /// <summary>What a read-only form shows: each field's label and its value, or that it is not set.</summary>
    public static IReadOnlyList<(string Label, string Value)> Facts(CustomerSettingsInput values) =>
    [
        (Deployment.Label, DeploymentTitle(values.Deployment)),
        (AccountId.Label, values.AccountId ?? "not set"),
        (SupportContact.Label, values.SupportContact ?? "not set"),
    ];
}
