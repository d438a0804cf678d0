using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Schedule;
using static UpgradeBot.Core.Tests.Announcements.PlannerSimulation;

namespace UpgradeBot.Core.Tests.Announcements;

public class AnnouncementPlannerTests
{
    private static readonly DateTimeOffset T0 = new(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Two phases of six hours, a day apart, starting at <paramref name="start"/>.</summary>
    private static UpgradeWindow Window(DateTimeOffset start, string id = "2027-03", int revision = 1) => new(
        id,
        $"Upgrade {id}",
        [new UpgradePhase("Europe", start, start.AddHours(6)), new UpgradePhase("Americas", start.AddDays(1), start.AddDays(1).AddHours(6))],
        revision: revision);

    [Fact]
    public void A_window_known_days_ahead_gets_every_kind_once_in_order_and_on_time()
    {
        var sim = new PlannerSimulation(T0);
        var start = T0.AddDays(3);
        sim.Windows.Add(Window(start));
        var channel = sim.Subscribe("C1");

        sim.RunUntil(start.AddDays(3));

        var told = sim.To(channel);
        Assert.Equal(["scheduled", "reminder", "started", "phase-started:1", "completed"], Kinds(told));
        Assert.Equal([T0, start - Lead, start, start.AddDays(1), start.AddDays(1).AddHours(6)], told.Select(r => r.CreatedAt));
        Assert.All(told, r => Assert.False(r.Late));
    }

    [Fact]
    public void A_window_added_inside_the_reminder_lead_gets_no_scheduled_and_no_reminder()
    {
        var sim = new PlannerSimulation(T0);
        var channel = sim.Subscribe("C1");
        var start = T0.AddHours(5);
        sim.Windows.Add(Window(start));

        sim.RunUntil(start.AddDays(2));

        Assert.Equal(["started", "phase-started:1", "completed"], Kinds(sim.To(channel)));
    }

    [Fact]
    public void Between_phases_nothing_is_announced()
    {
        var sim = new PlannerSimulation(T0);
        var channel = sim.Subscribe("C1");
        var start = T0.AddHours(1);
        sim.Windows.Add(Window(start));

        sim.RunUntil(start.AddHours(12));

        Assert.Equal(["started"], Kinds(sim.To(channel)));
    }

    [Fact]
    public void After_downtime_over_the_start_started_is_posted_late_and_no_reminder_follows()
    {
        var sim = new PlannerSimulation(T0);
        var channel = sim.Subscribe("C1");
        var start = T0.AddDays(3);
        sim.Windows.Add(Window(start));
        sim.Tick();

        sim.Jump(start.AddHours(2));
        sim.RunUntil(start.AddHours(3));

        var told = sim.To(channel);
        Assert.Equal(["scheduled", "started"], Kinds(told));
        Assert.True(told[1].Late);
        Assert.Equal(start, told[1].DueAt);
    }

    [Fact]
    public void After_downtime_into_a_later_phase_only_a_late_started_is_posted_not_the_missed_phase()
    {
        var sim = new PlannerSimulation(T0);
        var channel = sim.Subscribe("C1");
        var start = T0.AddHours(1);
        sim.Windows.Add(Window(start));

        sim.Jump(start.AddDays(1).AddHours(1));
        sim.RunUntil(start.AddDays(1).AddHours(3));

        var told = sim.To(channel);
        Assert.Equal(["started"], Kinds(told));
        Assert.True(told[0].Late);
    }

    [Fact]
    public void After_downtime_past_the_end_only_completed_is_posted()
    {
        var sim = new PlannerSimulation(T0);
        var channel = sim.Subscribe("C1");
        var window = Window(T0.AddHours(1));
        sim.Windows.Add(window);

        sim.Jump(window.End.AddHours(3));
        sim.RunUntil(window.End.AddHours(4));

        var told = Assert.Single(sim.To(channel));
        Assert.Equal(AnnouncementKind.Completed, told.Key.Kind);
        Assert.True(told.Late);
    }

    [Fact]
    public void Nothing_is_posted_about_a_window_that_ended_longer_ago_than_the_catch_up_limit()
    {
        var sim = new PlannerSimulation(T0);
        var channel = sim.Subscribe("C1");
        var window = Window(T0.AddHours(1));
        sim.Windows.Add(window);

        sim.Jump(window.End + CatchUp + TimeSpan.FromMinutes(1));
        sim.RunUntil(window.End + CatchUp + TimeSpan.FromHours(1));

        Assert.Empty(sim.To(channel));
    }

    [Fact]
    public void Rescheduled_before_the_start_says_so_then_reminds_and_starts_at_the_new_time()
    {
        var sim = new PlannerSimulation(T0);
        var channel = sim.Subscribe("C1");
        var first = T0.AddDays(3);
        sim.Windows.Add(Window(first));
        sim.RunUntil(T0.AddHours(1));

        var moved = first.AddDays(7);
        sim.Replace(Window(moved, revision: 2));
        sim.RunUntil(moved.AddHours(1), TimeSpan.FromMinutes(10));

        var told = sim.To(channel);
        Assert.Equal(["scheduled", "rescheduled", "reminder", "started"], Kinds(told));
        Assert.Equal(moved - Lead, told[2].DueAt);
        Assert.Equal(moved, told[3].DueAt);
    }

    [Fact]
    public void Rescheduled_after_the_reminder_to_an_earlier_time_gets_no_second_reminder()
    {
        var sim = new PlannerSimulation(T0);
        var channel = sim.Subscribe("C1");
        var first = T0.AddDays(3);
        sim.Windows.Add(Window(first));
        sim.RunUntil(first - Lead + TimeSpan.FromMinutes(5));

        sim.Replace(Window(first.AddHours(-6), revision: 2));
        sim.RunUntil(first.AddHours(-5));

        Assert.Equal(["scheduled", "reminder", "rescheduled", "started"], Kinds(sim.To(channel)));
    }

    [Fact]
    public void Rescheduled_after_the_start_does_not_start_again_and_completes_at_the_new_end()
    {
        var sim = new PlannerSimulation(T0);
        var channel = sim.Subscribe("C1");
        var start = T0.AddHours(1);
        var window = Window(start);
        sim.Windows.Add(window);
        sim.RunUntil(start.AddHours(2));

        var extended = new UpgradeWindow(window.Id, window.Title, [window.Phases[0], window.Phases[1] with { End = window.End.AddHours(12) }], revision: 2);
        sim.Replace(extended);
        sim.RunUntil(extended.End.AddHours(2), TimeSpan.FromMinutes(10));

        var told = sim.To(channel);
        Assert.Equal(["started", "rescheduled", "phase-started:1", "completed"], Kinds(told));
        Assert.Equal(extended.End, told[^1].DueAt);
    }

    [Fact]
    public void Cancelled_after_an_announcement_says_so_once_and_nothing_else_follows()
    {
        var sim = new PlannerSimulation(T0);
        var channel = sim.Subscribe("C1");
        var start = T0.AddDays(3);
        sim.Windows.Add(Window(start));
        sim.Tick();

        sim.Replace(Window(start) with { Cancelled = true });
        sim.RunUntil(start.AddDays(3), TimeSpan.FromMinutes(30));

        Assert.Equal(["scheduled", "cancelled"], Kinds(sim.To(channel)));
    }

    [Fact]
    public void Cancelled_before_anything_was_announced_stays_silent()
    {
        var sim = new PlannerSimulation(T0);
        var channel = sim.Subscribe("C1");
        var start = T0.AddHours(5);
        sim.Windows.Add(Window(start) with { Cancelled = true });

        sim.RunUntil(start.AddDays(2), TimeSpan.FromMinutes(30));

        Assert.Empty(sim.To(channel));
    }

    [Fact]
    public void A_channel_subscribing_mid_window_gets_nothing_stale_but_the_later_phase_and_completed()
    {
        var sim = new PlannerSimulation(T0);
        var early = sim.Subscribe("C-early");
        var start = T0.AddHours(1);
        sim.Windows.Add(Window(start));
        sim.RunUntil(start.AddHours(3));

        var late = sim.Subscribe("C-late");
        sim.RunUntil(start.AddDays(2), TimeSpan.FromMinutes(10));

        Assert.Equal(["started", "phase-started:1", "completed"], Kinds(sim.To(early)));
        Assert.Equal(["phase-started:1", "completed"], Kinds(sim.To(late)));
    }

    [Fact]
    public void Overlapping_windows_and_a_channel_added_between_their_starts_are_planned_independently()
    {
        var sim = new PlannerSimulation(T0);
        var first = sim.Subscribe("C1");
        var a = Window(T0.AddHours(1), "a");
        var b = Window(T0.AddHours(4), "b");
        sim.Windows.AddRange([a, b]);
        sim.RunUntil(T0.AddHours(2));

        var second = sim.Subscribe("C2");
        sim.RunUntil(b.End.AddHours(1), TimeSpan.FromMinutes(10));

        Assert.Equal(["started", "phase-started:1", "completed"], Kinds(sim.To(first, "a")));
        Assert.Equal(["started", "phase-started:1", "completed"], Kinds(sim.To(first, "b")));
        Assert.Equal(["phase-started:1", "completed"], Kinds(sim.To(second, "a")));
        Assert.Equal(["started", "phase-started:1", "completed"], Kinds(sim.To(second, "b")));
    }

    [Fact]
    public void A_channel_subscribing_inside_the_lead_gets_no_reminder()
    {
        var sim = new PlannerSimulation(T0);
        var start = T0.AddDays(3);
        sim.Windows.Add(Window(start));
        sim.Jump(start - Lead + TimeSpan.FromHours(1));
        var channel = sim.Subscribe("C1");

        sim.RunUntil(start.AddMinutes(5), TimeSpan.FromMinutes(10));

        Assert.Equal(["started"], Kinds(sim.To(channel)));
    }

    [Fact]
    public void Planning_twice_at_the_same_moment_plans_nothing_new()
    {
        var sim = new PlannerSimulation(T0);
        sim.Subscribe("C1");
        sim.Windows.Add(Window(T0.AddDays(3)));

        Assert.Single(sim.Tick());
        Assert.Empty(sim.Tick());
    }
}
