namespace UpgradeBot.Teams.Cards;

public sealed record OpenUrlAction(string Title, Uri Url) : CardAction(Title);
