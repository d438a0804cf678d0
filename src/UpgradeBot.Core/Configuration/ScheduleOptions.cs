namespace UpgradeBot.Core.Configuration;

/// <summary>The root-level <c>Upgrades</c> list, bound from the configuration root.</summary>
public sealed class ScheduleOptions
{
    public List<UpgradeOptions> Upgrades { get; set; } = [];
}
