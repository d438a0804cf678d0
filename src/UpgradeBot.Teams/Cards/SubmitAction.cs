using System.Text.Json;

namespace UpgradeBot.Teams.Cards;

/// <summary>For clients without Universal Actions: Teams sends the data back as a message's <c>value</c>.</summary>
public sealed record SubmitAction(string Title, JsonElement Data) : CardAction(Title);
