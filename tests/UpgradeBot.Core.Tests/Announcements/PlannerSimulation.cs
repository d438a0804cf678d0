using Microsoft.Extensions.Time.Testing;
using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Schedule;
using UpgradeBot.Core.Subscriptions;

namespace UpgradeBot.Core.Tests.Announcements;

/// <summary>
/// Runs the planner the way the dispatcher does: on a fake clock, every tick, with everything it
/// planned sent at once and remembered, so tests read the announcements each conversation received.
/// </summary>
internal sealed class PlannerSimulation(DateTimeOffset start)
{
    public static readonly TimeSpan Lead = TimeSpan.FromHours(24);
    public static readonly TimeSpan CatchUp = TimeSpan.FromHours(24);

    private readonly AnnouncementPlanner _planner = new(Lead, CatchUp);
    private readonly List<AnnouncementRecord> _history = [];
    private readonly List<Subscription> _subscriptions = [];

    public FakeTimeProvider Time { get; } = new(start);

    public List<UpgradeWindow> Windows { get; } = [];

    public IReadOnlyList<AnnouncementRecord> Sent => _history;

    public ConversationKey Subscribe(string channel)
    {
        var key = new ConversationKey("slack", "T1", channel);
        _subscriptions.Add(new Subscription(key, "{}", channel, true, Time.GetUtcNow(), Time.GetUtcNow()));
        return key;
    }

    public IReadOnlyList<PlannedAnnouncement> Tick()
    {
        var now = Time.GetUtcNow();
        var planned = _planner.Plan(Windows, _subscriptions, _history, now);
        _history.AddRange(planned.Select(p => new AnnouncementRecord(p.Key, p.DueAt, now, p.Late, AnnouncementState.Sent, 1, "m")));
        return planned;
    }

    /// <summary>Ticks every <paramref name="step"/> until <paramref name="until"/>, as a running dispatcher would.</summary>
    public void RunUntil(DateTimeOffset until, TimeSpan? step = null)
    {
        while (Time.GetUtcNow() < until)
        {
            Tick();
            Time.Advance(step ?? TimeSpan.FromMinutes(1));
        }

        Tick();
    }

    /// <summary>A downtime: the clock moves with no tick.</summary>
    public void Jump(DateTimeOffset to) => Time.SetUtcNow(to);

    public void Replace(UpgradeWindow window) => Windows[Windows.FindIndex(w => w.Id == window.Id)] = window;

    public IReadOnlyList<AnnouncementRecord> To(ConversationKey key, string? window = null) =>
        [.. _history.Where(r => r.Key.Conversation == key && (window is null || r.Key.WindowId == window))];

    public static string[] Kinds(IEnumerable<AnnouncementRecord> records) =>
        [.. records.Select(r => r.Key.Kind == AnnouncementKind.PhaseStarted ? $"phase-started:{r.Key.Phase}" : r.Key.Kind.ToWire())];
}
