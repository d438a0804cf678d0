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

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(FactSet), "FactSet")]
[JsonDerivedType(typeof(Container), "Container")]
[JsonDerivedType(typeof(InputText), "Input.Text")]
[JsonDerivedType(typeof(InputChoiceSet), "Input.ChoiceSet")]
public abstract record CardElement
{
    public string? Spacing { get; init; }

    public bool? Separator { get; init; }
}

/// <summary><see cref="Wrap"/> is on by default: long explanations must not be cut at one line.</summary>
public sealed record TextBlock(string Text) : CardElement
{
    public bool Wrap { get; init; } = true;

    public string? Size { get; init; }

    public string? Weight { get; init; }

    public string? Color { get; init; }

    public bool? IsSubtle { get; init; }

    public string? Style { get; init; }
}

public sealed record Fact(string Title, string Value);

public sealed record FactSet(IReadOnlyList<Fact> Facts) : CardElement;

public sealed record Container(IReadOnlyList<CardElement> Items) : CardElement
{
    public string? Style { get; init; }
}

/// <summary>
/// An input (1.3+): its <see cref="Id"/> names its value in what an <c>Action.Execute</c> or
/// <c>Action.Submit</c> sends back. The client shows <see cref="ErrorMessage"/> when its own check
/// (<see cref="IsRequired"/>) fails before sending.
/// </summary>
public abstract record CardInput(string Id) : CardElement
{
    public string? Label { get; init; }

    public bool? IsRequired { get; init; }

    public string? ErrorMessage { get; init; }
}

/// <summary>Text: one line, or several when <see cref="IsMultiline"/>; <see cref="Style"/> "Email" asks for an email keyboard.</summary>
public sealed record InputText(string Id) : CardInput(Id)
{
    public string? Value { get; init; }

    public string? Placeholder { get; init; }

    public bool? IsMultiline { get; init; }

    public int? MaxLength { get; init; }

    public string? Style { get; init; }
}

/// <summary>One of a few choices; <see cref="Style"/> "compact" is a drop-down, "expanded" radio buttons.</summary>
public sealed record InputChoiceSet(string Id, IReadOnlyList<Choice> Choices) : CardInput(Id)
{
    public string? Value { get; init; }

    public string? Style { get; init; }
}

public sealed record Choice(string Title, string Value);

/// <summary>
/// <c>refresh</c>: an <c>Action.Execute</c> the client sends (trigger "automatic") when one of
/// <see cref="UserIds"/> (user MRIs, at most 60) views the card; the bot answers with the card as it is now.
/// </summary>
public sealed record CardRefresh(CardAction Action, IReadOnlyList<string> UserIds);
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(OpenUrlAction), "Action.OpenUrl")]
[JsonDerivedType(typeof(ExecuteAction), "Action.Execute")]
[JsonDerivedType(typeof(SubmitAction), "Action.Submit")]
public abstract record CardAction(string Title)
{
    public string? Style { get; init; }
}

public sealed record OpenUrlAction(string Title, Uri Url) : CardAction(Title);

/// <summary>
/// A Universal Action: Teams sends it to the bot as an <c>adaptiveCard/action</c> invoke, with the
/// card's inputs added to <see cref="Data"/> unless <see cref="AssociatedInputs"/> is "none".
/// </summary>
public sealed record ExecuteAction(string Title, string Verb, JsonElement Data, CardAction? Fallback) : CardAction(Title)
{
    public string? AssociatedInputs { get; init; }
}

/// <summary>For clients without Universal Actions: Teams sends the data back as a message's <c>value</c>.</summary>
public sealed record SubmitAction(string Title, JsonElement Data) : CardAction(Title);

internal static class CardJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
