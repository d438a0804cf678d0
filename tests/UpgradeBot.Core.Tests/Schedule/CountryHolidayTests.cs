using UpgradeBot.Core.Configuration;
using UpgradeBot.Core.Schedule;

namespace UpgradeBot.Core.Tests.Schedule;

/// <summary>Public holidays from <c>Calendar:HolidayCountry</c> and <c>HolidayRegion</c>, merged with <c>Calendar:Holidays</c>, against the timing rule.</summary>
public class CountryHolidayTests
{
    private static TimingRule Rule(string zone, string? country, string? region = null, params string[] holidays)
    {
        var errors = new List<string>();
        var calendar = ScheduleSettings.ToCalendar(
            new CalendarOptions { TimeZone = zone, HolidayCountry = country, HolidayRegion = region, Holidays = [.. holidays] }, "Calendar", errors);
        Assert.Empty(errors);
        return new TimingRule(calendar!, graceBusinessDays: 1, lookbackDays: 14);
    }

    private static UpgradeWindow EndingAt(string end) =>
        new("u", "Upgrade", [new UpgradePhase("Phase 1", DateTimeOffset.Parse(end).AddHours(-8), DateTimeOffset.Parse(end))]);

    private static Verdict VerdictAt(TimingRule rule, string end, string at) => rule.Assess([EndingAt(end)], DateTimeOffset.Parse(at)).Verdict;

    [Fact]
    public void Us_thanksgiving_is_not_a_business_day()
    {
        // Ends Wed 2026-11-25 10:00 New York; Thu 11-26 is Thanksgiving → Fri 11-27 → deadline Sat 11-28 00:00 EST.
        const string End = "2026-11-25T10:00:00-05:00";
        var us = Rule("America/New_York", "US");

        Assert.Equal(DateTimeOffset.Parse("2026-11-28T00:00:00-05:00"), us.GraceDeadline(EndingAt(End)));
        Assert.Equal(Verdict.SettlingAfterUpgrade, VerdictAt(us, End, "2026-11-27T12:00:00-05:00"));
        Assert.Equal(Verdict.PersistingEscalate, VerdictAt(Rule("America/New_York", null), End, "2026-11-27T12:00:00-05:00"));
    }

    [Fact]
    public void A_uk_bank_holiday_counts_in_england_and_not_in_scotland()
    {
        // Ends Fri 2026-08-28 18:00 BST; Mon 08-31 is the summer bank holiday in England → Tue 09-01 → deadline Wed 09-02 00:00 BST.
        const string End = "2026-08-28T18:00:00+01:00";
        const string TuesdayMorning = "2026-09-01T10:00:00+01:00";
        var england = Rule("Europe/London", "GB");
        var scotland = Rule("Europe/London", "gb", "SCT");

        Assert.Equal(DateTimeOffset.Parse("2026-09-02T00:00:00+01:00"), england.GraceDeadline(EndingAt(End)));
        Assert.Equal(Verdict.SettlingAfterUpgrade, VerdictAt(england, End, TuesdayMorning));
        // Scotland's summer bank holiday is the first Monday of August, so Mon 08-31 is a business day there.
        Assert.Equal(Verdict.PersistingEscalate, VerdictAt(scotland, End, TuesdayMorning));
    }

    [Fact]
    public void An_australian_state_holiday_counts_only_in_its_state()
    {
        // Ends Mon 2026-11-02 10:00 in Melbourne; Tue 11-03 is Melbourne Cup day in Victoria → Wed 11-04 → deadline Thu 11-05 00:00 AEDT.
        const string End = "2026-11-02T10:00:00+11:00";
        const string WednesdayNoon = "2026-11-04T12:00:00+11:00";
        var victoria = Rule("Australia/Melbourne", "AU", "VIC");
        var newSouthWales = Rule("Australia/Sydney", "AU", "AU-NSW");

        Assert.Equal(DateTimeOffset.Parse("2026-11-05T00:00:00+11:00"), victoria.GraceDeadline(EndingAt(End)));
        Assert.Equal(Verdict.SettlingAfterUpgrade, VerdictAt(victoria, End, WednesdayNoon));
        Assert.Equal(Verdict.PersistingEscalate, VerdictAt(newSouthWales, End, WednesdayNoon));
    }

    [Fact]
    public void Listed_holidays_add_to_the_country_ones()
    {
        // Thanksgiving from the country, the Friday after it from Calendar:Holidays → Mon 11-30 → deadline Tue 12-01 00:00 EST.
        var merged = Rule("America/New_York", "US", null, "2026-11-27");

        Assert.Equal(DateTimeOffset.Parse("2026-12-01T00:00:00-05:00"), merged.GraceDeadline(EndingAt("2026-11-25T10:00:00-05:00")));
    }

    [Fact]
    public void The_first_and_last_years_have_no_country_holidays_instead_of_failing()
    {
        var us = Rule("UTC", "US");

        Assert.Equal(DateTimeOffset.Parse("9999-12-30T00:00:00Z"), us.GraceDeadline(EndingAt("9999-12-28T10:00:00Z")));
    }

    [Theory]
    [InlineData("XX", null, "Calendar:HolidayCountry 'XX' is not a country whose holidays are known")]
    [InlineData("UK", null, "Calendar:HolidayCountry 'UK' is not a country whose holidays are known")]
    [InlineData("AU", "Tasmania", "Calendar:HolidayRegion 'Tasmania' is not a region of AU with holidays of its own; known regions: ACT, NSW")]
    [InlineData("CA", "XX", "Calendar:HolidayRegion 'XX' is not a region of CA")]
    [InlineData("US", "NY", "Calendar:HolidayRegion 'NY' is not a region of US")]
    [InlineData(null, "NSW", "Calendar:HolidayRegion 'NSW' needs Calendar:HolidayCountry as well")]
    public void An_unknown_country_or_region_names_the_key(string? country, string? region, string message)
    {
        var errors = new List<string>();

        var calendar = ScheduleSettings.ToCalendar(new CalendarOptions { HolidayCountry = country, HolidayRegion = region }, "Calendar", errors);

        Assert.Null(calendar);
        Assert.StartsWith(message, Assert.Single(errors), StringComparison.Ordinal);
    }
}
