namespace UpgradeBot.Core.Configuration;

/// <summary>One entry of <c>Upgrades</c>. Instants stay strings until validated so a missing offset is caught, not guessed.</summary>
public sealed class UpgradeOptions
{
    public string? Id { get; set; }

    public string? Title { get; set; }

    public List<PhaseOptions> Phases { get; set; } = [];

    public string? StatusUrl { get; set; }
}
