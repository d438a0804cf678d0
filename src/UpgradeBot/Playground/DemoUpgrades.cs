namespace UpgradeBot.Playground;

/// <summary>
/// The made-up upgrades of the playground, placed around now (on the hour, so their times read
/// cleanly): each one puts a question in a different verdict. Never stored and never announced
/// by the outbox; the playground posts announcements about them into its own conversations only.
/// </summary>
public static class DemoUpgrades
{
    public const string IdPrefix = "playground-demo-";

    /// <summary>Two phases: the first running now, the second tomorrow, so the upgrade is in progress between them too.</summary>
    public static UpgradeWindow Running(DateTimeOffset now)
    {
        var hour = OnTheHour(now);
        return new UpgradeWindow(IdPrefix + "running", "Demo upgrade (in progress)",
        [
            new UpgradePhase("Phase 1: storage services", hour.AddHours(-2), hour.AddHours(4)),
            new UpgradePhase("Phase 2: admin consoles", hour.AddHours(20), hour.AddHours(26)),
        ]);
    }

    /// <summary>Ended about an hour ago: before its grace deadline, whatever the calendar.</summary>
    public static UpgradeWindow Settling(DateTimeOffset now)
    {
        var hour = OnTheHour(now);
        return new UpgradeWindow(IdPrefix + "settling", "Demo upgrade (ended an hour ago)",
        [
            new UpgradePhase("Phase 1: storage services", hour.AddHours(-9), hour.AddHours(-1)),
        ]);
    }

    /// <summary>
    /// Ended at 06:00 local two business days ago, or earlier still when a longer grace period
    /// (<c>Escalation:GraceBusinessDays</c>) has not run out by then: past its grace deadline.
    /// </summary>
    public static UpgradeWindow Ended(DateTimeOffset now, TimingRule timing)
    {
        var calendar = timing.Calendar;
        var day = calendar.LocalDate(now);
        UpgradeWindow window;
        var back = 2;
        do
        {
            day = PreviousBusinessDay(calendar, day, back);
            var end = calendar.StartOfDay(day).AddHours(6);
            window = new UpgradeWindow(IdPrefix + "ended", "Demo upgrade (ended two business days ago)",
            [
                new UpgradePhase("Phase 1: storage services", end.AddHours(-8), end),
            ]);
            back = 1;
        }
        while (timing.GraceDeadline(window) > now && now - window.End < timing.Lookback);

        return window;
    }

    /// <summary>Not yet started: what the scheduled, reminder, rescheduled and cancelled announcements are about.</summary>
    public static UpgradeWindow Upcoming(DateTimeOffset start)
    {
        var hour = OnTheHour(start);
        return new UpgradeWindow(IdPrefix + "upcoming", "Demo upgrade (scheduled)",
        [
            new UpgradePhase("Phase 1: storage services", hour, hour.AddHours(6)),
            new UpgradePhase("Phase 2: admin consoles", hour.AddDays(1), hour.AddDays(1).AddHours(6)),
        ]);
    }

    private static DateTimeOffset OnTheHour(DateTimeOffset instant) =>
        new(instant.UtcDateTime.Date.AddHours(instant.UtcDateTime.Hour), TimeSpan.Zero);

    private static DateOnly PreviousBusinessDay(BusinessCalendar calendar, DateOnly from, int count)
    {
        var day = from;
        for (var found = 0; found < count;)
        {
            day = day.AddDays(-1);
            if (calendar.IsBusinessDay(day))
            {
                found++;
            }
        }

        return day;
    }
}
