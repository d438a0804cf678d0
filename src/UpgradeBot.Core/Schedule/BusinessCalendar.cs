namespace UpgradeBot.Core.Schedule;

/// <summary>
/// The vendor's business days in one time zone: which local dates count, and where they start. A
/// date is a holiday when it is listed, or when it is one of the country's public holidays.
/// </summary>
public sealed class BusinessCalendar
{
    public static readonly IReadOnlySet<DayOfWeek> MondayToFriday = new HashSet<DayOfWeek>
    {
        DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday,
    };

    private readonly HashSet<DayOfWeek> _workDays;
    private readonly HashSet<DateOnly> _holidays;
    private readonly CountryHolidays? _country;

    public BusinessCalendar(TimeZoneInfo timeZone, IEnumerable<DayOfWeek> workDays, IEnumerable<DateOnly> holidays, CountryHolidays? country = null)
    {
        TimeZone = timeZone;
        _workDays = [.. workDays];
        _holidays = [.. holidays];
        _country = country;
        if (_workDays.Count == 0)
        {
            throw new ArgumentException("A business calendar needs at least one work day.", nameof(workDays));
        }
    }

    public TimeZoneInfo TimeZone { get; }

    public IReadOnlySet<DayOfWeek> WorkDays => _workDays;

    public bool IsBusinessDay(DateOnly date) =>
        _workDays.Contains(date.DayOfWeek) && !_holidays.Contains(date) && _country?.IsHoliday(date) != true;

    /// <summary>The local calendar date of an instant; an instant at exactly 00:00 local belongs to that new day.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    public DateOnly NextBusinessDay(DateOnly after, int count = 1)
    {
        var day = after;
        for (var found = 0; found < count;)
        {
            day = day.AddDays(1);
            if (IsBusinessDay(day))
            {
                found++;
            }
        }

        return day;
    }

    /// <summary>
    /// The timing rule's grace deadline: from the local date the upgrade ended on, step to the Nth
    /// next business day; the deadline is the start of the day after it.
    /// </summary>
    public DateTimeOffset GraceDeadline(DateTimeOffset upgradeEnd, int graceBusinessDays)
    {
        var lastGraceDay = NextBusinessDay(LocalDate(upgradeEnd), graceBusinessDays);
        return StartOfDay(lastGraceDay.AddDays(1));
    }

    /// <summary>
    /// The first instant of a local date. Where a DST change skips midnight the day starts at the
    /// first local time that exists; where midnight happens twice it starts at the first one.
    /// </summary>
    public DateTimeOffset StartOfDay(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (TimeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        var offset = TimeZone.IsAmbiguousTime(local)
            ? TimeZone.GetAmbiguousTimeOffsets(local).Max()
            : TimeZone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
