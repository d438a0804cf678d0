namespace UpgradeBot.Teams.Cards;

/// <summary>Text: one line, or several when <see cref="IsMultiline"/>; <see cref="Style"/> "Email" asks for an email keyboard.</summary>
public sealed record InputText(string Id) : CardInput(Id)
{
    public string? Value { get; init; }

    public string? Placeholder { get; init; }

    public bool? IsMultiline { get; init; }

    public int? MaxLength { get; init; }

    public string? Style { get; init; }
}
