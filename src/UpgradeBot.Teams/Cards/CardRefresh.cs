namespace UpgradeBot.Teams.Cards;

/// <summary>
/// <c>refresh</c>: an <c>Action.Execute</c> the client sends (trigger "automatic") when one of
/// <see cref="UserIds"/> (user MRIs, at most 60) views the card; the bot answers with the card as it is now.
/// </summary>
public sealed record CardRefresh(CardAction Action, IReadOnlyList<string> UserIds);
