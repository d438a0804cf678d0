using System.Text.Json;
using System.Text.Json.Serialization;

namespace UpgradeBot.Teams.Cards;

/// <summary>
/// The subset of Adaptive Cards 1.5 the bot uses, as small records. Teams renders cards up to 1.5;
/// <c>Action.Execute</c> needs 1.4+, which is why it always carries an <c>Action.Submit</c> fallback.
/// </summary>
public sealed record AdaptiveCard(IReadOnlyList<CardElement> Body, IReadOnlyList<CardAction>? Actions = null)
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    [JsonPropertyName("type")]
    public string Type => "AdaptiveCard";

    [JsonPropertyName("$schema")]
    public string Schema => "http://adaptivecards.io/schemas/adaptive-card.json";

    public string Version => "1.5";

    /// <summary>Shown by clients that cannot render the card, and read in notifications.</summary>
    public string? FallbackText { get; init; }

    /// <summary>What a screen reader says for the card as a whole.</summary>
    public string? Speak { get; init; }

    /// <summary>Universal Actions: the client asks the bot for the card's current version when these users view it.</summary>
    public CardRefresh? Refresh { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, CardJson.Options);
}
