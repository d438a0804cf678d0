namespace UpgradeBot.Playground;

/// <summary>
/// The schedule answers and escalations read while the playground runs with <c>Playground:DemoSchedule</c>:
/// the real one plus the demo upgrades of the chosen <see cref="DemoScenario"/>, placed around the
/// time of each read. Registered only as the answering schedule, so the announcement outbox (and
/// anything else that publishes the schedule) reads the real one and never sees a demo upgrade, and
/// nothing demo is ever written to the store.
/// </summary>
public sealed class DemoSchedule(IUpgradeSchedule schedule, TimingRule timing, TimeProvider time) : IUpgradeSchedule
{
    private volatile DemoScenario _scenario = DemoScenario.All[0];

    public DemoScenario Scenario => _scenario;

    public bool TryChoose(string? id)
    {
        if (DemoScenario.Find(id) is not { } scenario)
        {
            return false;
        }

        _scenario = scenario;
        return true;
    }

    public async Task<IReadOnlyList<UpgradeWindow>> GetWindowsAsync(CancellationToken cancellationToken = default)
    {
        var windows = await schedule.GetWindowsAsync(cancellationToken).ConfigureAwait(false);
        return [.. windows, .. _scenario.Windows(time.GetUtcNow(), timing)];
    }
}
