namespace UpgradeBot.Teams.Cards;

public sealed record Container(IReadOnlyList<CardElement> Items) : CardElement
{
    public string? Style { get; init; }
}
