using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using UpgradeBot.Core.Answers;
using UpgradeBot.Teams.Cards;

namespace UpgradeBot.Teams.Inbound;

/// <summary>
/// Reads the escalate button's data back from a click, straight from the SDK's JSON objects. The
/// data went through the user's client: Core's escalation service validates its meaning.
/// </summary>
internal static class EscalationCardData
{
    /// <summary>True when a message's value is the <c>Action.Submit</c> fallback of the escalate button.</summary>
    public static bool IsSubmit(object? value) => SettingsCardData.IsSubmit(value, EscalationOffer.ActionVerb);

    /// <summary>The context, or null when the data is not one (missing, wrong shape, incomplete).</summary>
    public static EscalationContext? Read(object? data)
    {
        if (data is not JObject json)
        {
            return null;
        }

        EscalationContext? context;
        try
        {
            context = json.ToObject<EscalationContext>();
        }
        catch (Exception e) when (e is JsonException or ArgumentException or FormatException)
        {
            return null;
        }

        return context is { Topic.Length: > 0, Verdict.Length: > 0, Question.Length: > 0 } ? context : null;
    }
}
