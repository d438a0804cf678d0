namespace UpgradeBot.Teams.Cards;

public sealed record Choice(string Title, string Value);
