namespace UpgradeBot.Core.Configuration;

/// <summary><c>Calendar</c>: the business calendar the grace deadline is counted in.</summary>
public sealed class CalendarOptions
{
    public const string Section = "Calendar";

    /// <summary>IANA time zone id.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Day names; empty means Monday to Friday (a bound list would append to any default).</summary>
    public List<string> WorkDays { get; set; } = [];

    /// <summary>ISO dates (yyyy-MM-dd) that are not business days, on top of the country's holidays.</summary>
    public List<string> Holidays { get; set; } = [];

    /// <summary>ISO 3166 alpha-2 code (US, GB, AU, …) whose public holidays are not business days; empty for none.</summary>
    public string? HolidayCountry { get; set; }

    /// <summary>A state, province or part of the country with holidays of its own (NSW, VIC, BY, ON, SCT, …); empty for the national ones.</summary>
    public string? HolidayRegion { get; set; }

    /// <summary><c>Calendar:Feed</c>: the iCalendar feed of the upgrade windows.</summary>
    public CalendarFeedOptions Feed { get; set; } = new();
}
