using UpgradeBot.Core.Schedule;

namespace UpgradeBot.Core.Tests.Schedule;

public class TimingRuleTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private static BusinessCalendar Calendar(params string[] holidays) =>
        new(London, BusinessCalendar.MondayToFriday, holidays.Select(DateOnly.Parse));

    private static UpgradeWindow Window(string id, params (string Start, string End)[] phases) =>
        new(id, $"Upgrade {id}", [.. phases.Select((p, i) => new UpgradePhase($"Phase {i + 1}", DateTimeOffset.Parse(p.Start), DateTimeOffset.Parse(p.End)))]);

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant);

    [Fact]
    public void Example_from_the_rule_end_tuesday_morning_gives_deadline_thursday_midnight()
    {
        // Tue 2027-03-09 06:00 London (GMT) → next business day Wed → deadline Thu 00:00.
        var deadline = Calendar().GraceDeadline(At("2027-03-09T06:00:00Z"), 1);

        Assert.Equal(At("2027-03-11T00:00:00Z"), deadline);
    }

    [Fact]
    public void End_on_friday_skips_the_weekend()
    {
        var deadline = Calendar().GraceDeadline(At("2027-03-12T18:00:00Z"), 1);

        Assert.Equal(At("2027-03-16T00:00:00Z"), deadline);
    }

    [Fact]
    public void End_on_saturday_counts_from_monday()
    {
        var deadline = Calendar().GraceDeadline(At("2027-03-13T10:00:00Z"), 1);

        Assert.Equal(At("2027-03-16T00:00:00Z"), deadline);
    }

    [Fact]
    public void Holidays_are_not_business_days()
    {
        // Ends Thu 2027-04-01; Fri 04-02 and Mon 04-05 are holidays → Tue 04-06 → deadline Wed 00:00 BST.
        var deadline = Calendar("2027-04-02", "2027-04-05").GraceDeadline(At("2027-04-01T15:00:00Z"), 1);

        Assert.Equal(At("2027-04-06T23:00:00Z"), deadline);
    }

    [Fact]
    public void End_exactly_at_local_midnight_belongs_to_the_new_day()
    {
        // 2027-04-01T23:00Z is 00:00 BST on Fri 04-02 (a holiday) → Mon 04-05 holiday → Tue 04-06 → deadline Wed 04-07 00:00 BST.
        var deadline = Calendar("2027-04-02", "2027-04-05").GraceDeadline(At("2027-04-01T23:00:00Z"), 1);

        Assert.Equal(At("2027-04-06T23:00:00Z"), deadline);
    }

    [Fact]
    public void Deadline_across_the_spring_dst_change_is_local_midnight_in_summer_time()
    {
        // Ends Fri 2027-03-26 (GMT); next business day Mon 03-29 (BST since Sun 03-28) → deadline Tue 00:00 BST = Mon 23:00Z.
        var deadline = Calendar().GraceDeadline(At("2027-03-26T12:00:00Z"), 1);

        Assert.Equal(At("2027-03-29T23:00:00Z"), deadline);
        Assert.Equal(TimeSpan.FromHours(1), deadline.Offset);
    }

    [Fact]
    public void Deadline_across_the_autumn_dst_change_is_local_midnight_in_winter_time()
    {
        var deadline = Calendar().GraceDeadline(At("2027-10-29T12:00:00Z"), 1);

        Assert.Equal(At("2027-11-02T00:00:00Z"), deadline);
    }

    [Fact]
    public void A_day_whose_midnight_does_not_exist_starts_at_the_first_valid_local_time()
    {
        // Santiago moves clocks from 00:00 to 01:00 on 2026-09-06; Sunday is not a work day here but the day still starts at 01:00.
        var santiago = new BusinessCalendar(TimeZoneInfo.FindSystemTimeZoneById("America/Santiago"), BusinessCalendar.MondayToFriday, []);

        var start = santiago.StartOfDay(new DateOnly(2026, 9, 6));

        Assert.Equal(1, start.Hour);
        Assert.False(santiago.TimeZone.IsInvalidTime(start.DateTime));
    }

    [Fact]
    public void More_grace_days_step_over_more_business_days()
    {
        var deadline = Calendar().GraceDeadline(At("2027-03-09T06:00:00Z"), 3);

        Assert.Equal(At("2027-03-13T00:00:00Z"), deadline);
    }

    [Theory]
    [InlineData("2027-03-26T21:59:59Z", Verdict.NotUpgradeRelated)]
    [InlineData("2027-03-26T22:00:00Z", Verdict.ExpectedDuringUpgrade)]
    [InlineData("2027-03-30T10:00:00Z", Verdict.ExpectedDuringUpgrade)]
    [InlineData("2027-04-01T22:59:59Z", Verdict.ExpectedDuringUpgrade)]
    [InlineData("2027-04-01T23:00:00Z", Verdict.SettlingAfterUpgrade)]
    [InlineData("2027-04-06T22:59:59Z", Verdict.SettlingAfterUpgrade)]
    [InlineData("2027-04-06T23:00:00Z", Verdict.PersistingEscalate)]
    [InlineData("2027-04-15T23:00:00Z", Verdict.PersistingEscalate)]
    [InlineData("2027-04-15T23:00:01Z", Verdict.NotUpgradeRelated)]
    public void Verdict_follows_the_period_the_grace_deadline_and_the_lookback(string at, Verdict expected)
    {
        var rule = new TimingRule(Calendar("2027-04-02", "2027-04-05"), graceBusinessDays: 1, lookbackDays: 14);
        var spring = Window("spring", ("2027-03-26T22:00:00Z", "2027-03-27T06:00:00Z"), ("2027-04-01T20:00:00Z", "2027-04-01T23:00:00Z"));

        var assessed = rule.Assess([spring], At(at));

        Assert.Equal(expected, assessed.Verdict);
        Assert.Equal(expected == Verdict.NotUpgradeRelated ? null : spring, assessed.Upgrade);
    }

    [Fact]
    public void Between_phases_the_upgrade_is_still_in_progress_but_no_phase_runs()
    {
        var spring = Window("spring", ("2027-03-26T22:00:00Z", "2027-03-27T06:00:00Z"), ("2027-04-01T20:00:00Z", "2027-04-01T23:00:00Z"));
        var between = At("2027-03-29T12:00:00Z");

        Assert.True(spring.IsInProgress(between));
        Assert.Null(spring.PhaseAt(between));
        Assert.Equal(UpgradeStatus.InProgress, spring.StatusAt(between));
    }

    [Fact]
    public void A_running_upgrade_wins_over_one_that_is_settling()
    {
        var rule = new TimingRule(Calendar(), 1, 14);
        var first = Window("first", ("2027-05-10T00:00:00Z", "2027-05-11T06:00:00Z"));
        var second = Window("second", ("2027-05-11T20:00:00Z", "2027-05-12T06:00:00Z"));

        var assessed = rule.Assess([first, second], At("2027-05-11T21:00:00Z"));

        Assert.Equal(Verdict.ExpectedDuringUpgrade, assessed.Verdict);
        Assert.Equal("second", assessed.Upgrade!.Id);
    }

    [Fact]
    public void A_settling_upgrade_wins_over_an_older_one_past_its_deadline()
    {
        var rule = new TimingRule(Calendar(), 1, 14);
        var older = Window("older", ("2027-05-03T00:00:00Z", "2027-05-03T06:00:00Z"));
        var newer = Window("newer", ("2027-05-10T00:00:00Z", "2027-05-10T06:00:00Z"));

        var assessed = rule.Assess([older, newer], At("2027-05-11T09:00:00Z"));

        Assert.Equal(Verdict.SettlingAfterUpgrade, assessed.Verdict);
        Assert.Equal("newer", assessed.Upgrade!.Id);
    }

    [Fact]
    public void Persisting_names_the_most_recent_upgrade_within_the_lookback()
    {
        var rule = new TimingRule(Calendar(), 1, 14);
        var older = Window("older", ("2027-05-03T00:00:00Z", "2027-05-03T06:00:00Z"));
        var newer = Window("newer", ("2027-05-10T00:00:00Z", "2027-05-10T06:00:00Z"));

        var assessed = rule.Assess([older, newer], At("2027-05-14T09:00:00Z"));

        Assert.Equal(Verdict.PersistingEscalate, assessed.Verdict);
        Assert.Equal("newer", assessed.Upgrade!.Id);
        Assert.Equal(At("2027-05-11T23:00:00Z"), assessed.GraceDeadline);
    }

    [Fact]
    public void A_cancelled_upgrade_explains_nothing()
    {
        var rule = new TimingRule(Calendar(), 1, 14);
        var cancelled = Window("x", ("2027-05-10T00:00:00Z", "2027-05-12T00:00:00Z")) with { Cancelled = true };

        Assert.Equal(Verdict.NotUpgradeRelated, rule.Assess([cancelled], At("2027-05-11T00:00:00Z")).Verdict);
    }

    [Fact]
    public void Lookback_expiry_is_counted_from_the_end_in_days()
    {
        var rule = new TimingRule(Calendar(), 1, lookbackDays: 3);
        var window = Window("w", ("2027-05-10T00:00:00Z", "2027-05-10T06:00:00Z"));

        Assert.Equal(Verdict.PersistingEscalate, rule.Assess([window], At("2027-05-13T06:00:00Z")).Verdict);
        Assert.Equal(Verdict.NotUpgradeRelated, rule.Assess([window], At("2027-05-13T06:00:01Z")).Verdict);
    }
}
