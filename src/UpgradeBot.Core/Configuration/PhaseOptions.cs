namespace UpgradeBot.Core.Configuration;

public sealed class PhaseOptions
{
    public string? Name { get; set; }

    public string? Start { get; set; }

    public string? End { get; set; }
}
