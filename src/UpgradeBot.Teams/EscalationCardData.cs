using System.Text.Json;
using Newtonsoft.Json.Linq;
using UpgradeBot.Core.Answers;
using UpgradeBot.Teams.Cards;

namespace UpgradeBot.Teams;

/// <summary>
/// Reads the escalate button's data back from a click. The data went through the user's client, so
/// it is bounded here before anything else sees it; Core's escalation service validates the meaning.
/// </summary>
internal static class EscalationCardData
{
    /// <summary>The context as the card carries it is a few hundred characters; anything far larger is not ours.</summary>
    internal const int MaxDataLength = 2_048;

    /// <summary>True when a message's value is the <c>Action.Submit</c> fallback of the escalate button.</summary>
    public static bool IsSubmit(object? value) =>
        value is JObject data
        && data[TeamsCards.SubmitMarker] is JValue { Type: JTokenType.String } marker
        && string.Equals((string?)marker, EscalationOffer.ActionVerb, StringComparison.Ordinal);

    public static bool TryRead(JToken? data, out EscalationContext context, out string problem)
    {
        context = null!;
        if (data is not JObject)
        {
            problem = "The button did not send its details.";
            return false;
        }

        var json = data.ToString(Newtonsoft.Json.Formatting.None);
        if (json.Length > MaxDataLength)
        {
            problem = "The button sent more data than an escalation can carry.";
            return false;
        }

        EscalationContext? read;
        try
        {
            read = JsonSerializer.Deserialize<EscalationContext>(json, CardJson.Options);
        }
        catch (JsonException)
        {
            read = null;
        }

        // Lengths, known topic and upgrade, and the date are EscalationContextValidator's job in Core;
        // here only what the card update needs before the service sees it.
        if (read is null || string.IsNullOrWhiteSpace(read.Topic) || string.IsNullOrWhiteSpace(read.Verdict) || string.IsNullOrWhiteSpace(read.Question))
        {
            problem = "The button's details are incomplete.";
            return false;
        }

        context = read;
        problem = string.Empty;
        return true;
    }
}
