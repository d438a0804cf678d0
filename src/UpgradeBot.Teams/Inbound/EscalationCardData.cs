using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using UpgradeBot.Core.Answers;

namespace UpgradeBot.Teams.Inbound;

/// <summary>
/// Reads our buttons' data back from a click, straight from the SDK's JSON objects. The data went
/// through the user's client: Core validates its meaning.
/// </summary>
internal static class EscalationCardData
{
    private static readonly HashSet<string> SubmitVerbs = [EscalationOffer.ActionVerb, TeamsCards.AcknowledgeVerb, TeamsCards.ResolveVerb];

    /// <summary>The verb when a message's value is the <c>Action.Submit</c> fallback of one of our buttons; otherwise null.</summary>
    public static string? SubmitVerb(object? value) =>
        CardData.Marker(value) is { } verb && SubmitVerbs.Contains(verb) ? verb : null;

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
