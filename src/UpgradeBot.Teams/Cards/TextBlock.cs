namespace UpgradeBot.Teams.Cards;

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
