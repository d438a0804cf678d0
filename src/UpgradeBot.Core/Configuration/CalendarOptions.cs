namespace UpgradeBot.Core.Configuration;

/// <summary><c>Calendar</c>: the business calendar the grace deadline is counted in.</summary>
public sealed class CalendarOptions
{
    public const string Section = "Calendar";

    /// <summary>IANA time zone id.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Day names; empty means Monday to Friday (a bound list would append to any default).</summary>
    public List<string> WorkDays { get; set; } = [];

    /// <summary>ISO dates (yyyy-MM-dd) that are not business days.</summary>
    public List<string> Holidays { get; set; } = [];
}
