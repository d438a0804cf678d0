using Newtonsoft.Json.Linq;
using UpgradeBot.Core.Customers;
using UpgradeBot.Teams.Cards;

namespace UpgradeBot.Teams.Inbound;

/// <summary>
/// Reads a sent settings card back, straight from the SDK's JSON: the inputs' values arrive among
/// the action's data. They went through the user's client: Core checks them.
/// </summary>
internal static class SettingsCardData
{
    /// <summary>True when a message's value is the <c>Action.Submit</c> fallback of the settings card.</summary>
    public static bool IsSubmit(object? value) => IsSubmit(value, CustomerSettingsFields.SubmitVerb);

    /// <summary>True when a message's value is the <c>Action.Submit</c> fallback carrying <paramref name="verb"/> in its marker.</summary>
    public static bool IsSubmit(object? value, string verb) =>
        value is JObject data
        && data[TeamsCards.SubmitMarker] is JValue { Type: JTokenType.String } marker
        && string.Equals((string?)marker, verb, StringComparison.Ordinal);

    /// <summary>The values sent; a field that is missing or not text reads as empty.</summary>
    public static CustomerSettingsInput Read(object? data)
    {
        var json = data as JObject;
        return new CustomerSettingsInput(
            Text(json, CustomerSettingsFields.Deployment),
            Text(json, CustomerSettingsFields.AccountId),
            Text(json, CustomerSettingsFields.SupportContact));
    }

    private static string? Text(JObject? json, string field) =>
        json?[field] is JValue { Type: JTokenType.String } value ? (string?)value : null;
}
