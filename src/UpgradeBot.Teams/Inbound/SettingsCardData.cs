using UpgradeBot.Core.Customers;

namespace UpgradeBot.Teams.Inbound;

/// <summary>
/// Reads a sent settings card back, straight from the SDK's JSON: the inputs' values arrive among
/// the action's data. They went through the user's client: Core checks them.
/// </summary>
internal static class SettingsCardData
{
    /// <summary>True when a message's value is the <c>Action.Submit</c> fallback of the settings card.</summary>
    public static bool IsSubmit(object? value) => CardData.Marker(value) == CustomerSettingsFields.SubmitVerb;

    /// <summary>The values sent; a field that is missing or not text reads as empty.</summary>
    public static CustomerSettingsInput Read(object? data) => new(
        CardData.Text(data, CustomerSettingsFields.Deployment.Id),
        CardData.Text(data, CustomerSettingsFields.AccountId.Id),
        CardData.Text(data, CustomerSettingsFields.SupportContact.Id));
}
