namespace UpgradeBot.Teams.Cards;

/// <summary>One of a few choices; <see cref="Style"/> "compact" is a drop-down, "expanded" radio buttons.</summary>
public sealed record InputChoiceSet(string Id, IReadOnlyList<Choice> Choices) : CardInput(Id)
{
    public string? Value { get; init; }

    public string? Style { get; init; }
}
