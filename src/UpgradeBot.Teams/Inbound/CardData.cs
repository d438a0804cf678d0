using Newtonsoft.Json.Linq;

namespace UpgradeBot.Teams.Inbound;

/// <summary>What every card of ours sends back, read straight from the SDK's JSON: the fallback Submit's marker and text fields.</summary>
internal static class CardData
{
    /// <summary>The verb a message's value carries when it is the <c>Action.Submit</c> fallback of one of our cards; otherwise null.</summary>
    public static string? Marker(object? value) =>
        value is JObject data && data[TeamsCards.SubmitMarker] is JValue { Type: JTokenType.String } marker ? (string?)marker : null;

    /// <summary>A string field of a card's data (a button's reference, an input's value); null when absent or not text.</summary>
    public static string? Text(object? data, string name) =>
        data is JObject json && json[name] is JValue { Type: JTokenType.String } value ? (string?)value : null;
}
