using UpgradeBot.Calendar;
using UpgradeBot.Core.Schedule;

namespace UpgradeBot.Tests.Calendar;

public class UpgradeCalendarTests
{
    private static readonly DateTimeOffset Now = new(2027, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static UpgradeWindow Window(string id, DateTimeOffset end, bool cancelled = false) =>
        new(id, $"Upgrade {id}", [new UpgradePhase("Everywhere", end.AddHours(-8), end)], cancelled: cancelled);

    private static IReadOnlyList<string> Uids(string ics) =>
        [.. Ical.Net.Calendar.Load(ics)!.Events.Select(e => e.Uid!)];

    [Fact]
    public void A_cancelled_window_stays_for_thirty_days_after_its_end_and_a_completed_one_stays()
    {
        var ics = UpgradeCalendar.Write(
        [
            Window("cancelled-recently", Now.AddDays(-29), cancelled: true),
            Window("cancelled-long-ago", Now.AddDays(-31), cancelled: true),
            Window("cancelled-ahead", Now.AddDays(10), cancelled: true),
            Window("done-long-ago", Now.AddDays(-400)),
        ], Now);

        Assert.Equal(
            ["upgrade-done-long-ago-phase-1@upgradebot", "upgrade-cancelled-recently-phase-1@upgradebot", "upgrade-cancelled-ahead-phase-1@upgradebot"],
            Uids(ics));
        Assert.Contains("SUMMARY:Cancelled: Upgrade cancelled-ahead", ics, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_schedule_is_still_a_calendar()
    {
        var ics = UpgradeCalendar.Write([], Now);

        Assert.Empty(Uids(ics));
        Assert.Contains("X-WR-CALNAME:Public cloud upgrades", ics, StringComparison.Ordinal);
    }
}
