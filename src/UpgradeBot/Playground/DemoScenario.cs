namespace UpgradeBot.Playground;

/// <summary>
/// A choice of demo upgrades in the page. No one set of upgrades can show every verdict at once (an
/// upgrade in progress wins over one that ended), so the page switches between these.
/// </summary>
public sealed record DemoScenario(string Id, string Label, Func<DateTimeOffset, TimingRule, IReadOnlyList<UpgradeWindow>> Windows)
{
    /// <summary>The first is where the playground starts: a symptom there is offered escalation.</summary>
    public static IReadOnlyList<DemoScenario> All { get; } =
    [
        new("ended", "An upgrade ended two business days ago (persisting-escalate)", (now, timing) => [DemoUpgrades.Ended(now, timing)]),
        new("running", "An upgrade is in progress, another ended two business days ago (expected-during-upgrade)", (now, timing) => [DemoUpgrades.Ended(now, timing), DemoUpgrades.Running(now)]),
        new("settling", "An upgrade ended an hour ago (settling-after-upgrade)", (now, _) => [DemoUpgrades.Settling(now)]),
        new("none", "No demo upgrades: the configured schedule only (not-upgrade-related without one)", (_, _) => []),
    ];

    public static DemoScenario? Find(string? id) => All.FirstOrDefault(s => s.Id == id);
}
