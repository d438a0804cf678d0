using UpgradeBot.Core.Configuration;

namespace UpgradeBot.Core.Tests.Schedule;

public class ScheduleSettingsTests
{
    private static UpgradeOptions Upgrade(params (string? Start, string? End)[] phases) => new()
    {
        Id = "u1",
        Title = "Upgrade",
        Phases = [.. phases.Select(p => new PhaseOptions { Start = p.Start, End = p.End })],
    };

    private static List<string> ErrorsOf(params UpgradeOptions[] upgrades)
    {
        var errors = new List<string>();
        ScheduleSettings.ToWindows(upgrades, "Upgrades", errors);
        return errors;
    }

    [Fact]
    public void Unknown_time_zone_is_reported_with_its_key()
    {
        var errors = new List<string>();

        var calendar = ScheduleSettings.ToCalendar(new CalendarOptions { TimeZone = "Mars/Olympus" }, "Calendar", errors);

        Assert.Null(calendar);
        Assert.Contains(errors, e => e.StartsWith("Calendar:TimeZone 'Mars/Olympus'", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_work_day_and_holiday_name_their_index()
    {
        var errors = new List<string>();

        ScheduleSettings.ToCalendar(new CalendarOptions { WorkDays = ["Monday", "Funday"], Holidays = ["2027-02-30"] }, "Calendar", errors);

        Assert.Contains(errors, e => e.StartsWith("Calendar:WorkDays:1 'Funday'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Calendar:Holidays:0 '2027-02-30'", StringComparison.Ordinal));
    }

    [Fact]
    public void Empty_work_days_mean_monday_to_friday()
    {
        var calendar = ScheduleSettings.ToCalendar(new CalendarOptions { TimeZone = "Europe/Berlin" }, "Calendar", new List<string>());

        Assert.Equal(5, calendar!.WorkDays.Count);
        Assert.DoesNotContain(DayOfWeek.Saturday, calendar.WorkDays);
    }

    [Fact]
    public void A_phase_that_ends_before_it_starts_names_its_end_key()
    {
        var errors = ErrorsOf(Upgrade(("2027-03-26T22:00:00Z", "2027-03-26T21:00:00Z")));

        Assert.Contains(errors, e => e.StartsWith("Upgrades:0:Phases:0:End", StringComparison.Ordinal));
    }

    [Fact]
    public void Overlapping_phases_name_the_later_start()
    {
        var errors = ErrorsOf(Upgrade(("2027-03-26T22:00:00Z", "2027-03-27T06:00:00Z"), ("2027-03-27T05:00:00Z", "2027-03-27T08:00:00Z")));

        Assert.Contains(errors, e => e.StartsWith("Upgrades:0:Phases:1:Start", StringComparison.Ordinal) && e.Contains("overlap", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2027-03-26T22:00:00")]
    [InlineData("next tuesday")]
    [InlineData("2027-03-26")]
    public void An_instant_without_offset_or_malformed_is_refused(string start)
    {
        var errors = ErrorsOf(Upgrade((start, "2027-03-27T06:00:00Z")));

        Assert.Contains(errors, e => e.StartsWith($"Upgrades:0:Phases:0:Start '{start}'", StringComparison.Ordinal));
    }

    [Fact]
    public void Configuration_cannot_claim_an_id_of_the_status_page_feed()
    {
        var upgrade = Upgrade(("2027-03-26T22:00:00Z", "2027-03-27T06:00:00Z"));
        upgrade.Id = "statuspage:p2kx8vq4mz1a";

        Assert.StartsWith("Upgrades:0:Id 'statuspage:p2kx8vq4mz1a' starts with 'statuspage:'", Assert.Single(ErrorsOf(upgrade)), StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_ids_are_refused()
    {
        var errors = ErrorsOf(Upgrade(("2027-03-26T22:00:00Z", "2027-03-27T06:00:00Z")), Upgrade(("2027-04-26T22:00:00Z", "2027-04-27T06:00:00Z")));

        Assert.Contains(errors, e => e.StartsWith("Upgrades:1:Id 'u1'", StringComparison.Ordinal));
    }

    [Fact]
    public void Offsets_other_than_utc_keep_the_same_instant()
    {
        var windows = ScheduleSettings.ToWindows([Upgrade(("2027-03-26T23:00:00+01:00", "2027-03-27T08:00:00+02:00"))], "Upgrades", new List<string>());

        Assert.Equal(DateTimeOffset.Parse("2027-03-26T22:00:00Z"), windows[0].Start);
        Assert.Equal(DateTimeOffset.Parse("2027-03-27T06:00:00Z"), windows[0].End);
    }
}
