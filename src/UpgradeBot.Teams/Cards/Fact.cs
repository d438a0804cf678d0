namespace UpgradeBot.Teams.Cards;

public sealed record Fact(string Title, string Value);
