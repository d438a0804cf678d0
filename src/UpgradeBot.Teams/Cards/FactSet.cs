namespace UpgradeBot.Teams.Cards;

public sealed record FactSet(IReadOnlyList<Fact> Facts) : CardElement;
