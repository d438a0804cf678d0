using System.Text.Json;

namespace UpgradeBot.Teams.Cards;

/// <summary>
/// A Universal Action: Teams sends it to the bot as an <c>adaptiveCard/action</c> invoke, with the
/// card's inputs added to <see cref="Data"/> unless <see cref="AssociatedInputs"/> is "none".
/// </summary>
public sealed record ExecuteAction(string Title, string Verb, JsonElement Data, CardAction? Fallback) : CardAction(Title)
{
    public string? AssociatedInputs { get; init; }
}
