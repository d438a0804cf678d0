namespace UpgradeBot.Core.Schedule;

/// <summary>Why a holiday country or region was not found: which setting is wrong, and what it could be instead.</summary>
/// <param name="Setting">The key under <c>Calendar</c>: <see cref="CountrySetting"/> or <see cref="RegionSetting"/>.</param>
/// <param name="Known">The values that would work, for the message.</param>
public sealed record HolidayLookupProblem(string Setting, string Known)
{
    public const string CountrySetting = "HolidayCountry";

    public const string RegionSetting = "HolidayRegion";
}
