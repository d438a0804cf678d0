using PublicHoliday;

namespace UpgradeBot.Core.Schedule;

/// <summary>
/// The public holidays of one country (and optionally one of its regions), as the PublicHoliday
/// package computes them: the days off as observed (a holiday on a weekend moved to the Monday where
/// the country does that). Years are computed when first asked for and kept.
/// </summary>
public sealed class CountryHolidays
{
    /// <summary>Countries whose calendars differ by region, each with how to read a region name and what names exist.</summary>
    private static readonly Dictionary<string, Regional> Regions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AU"] = Regional.Of<AustraliaPublicHoliday.States>(s => new AustraliaPublicHoliday { State = s }),
        ["CH"] = Regional.Of<SwitzerlandPublicHoliday.Cantons>(c => new SwitzerlandPublicHoliday { Canton = c }),
        ["DE"] = Regional.Of<GermanPublicHoliday.States>(s => new GermanPublicHoliday { State = s }),
        ["FR"] = Regional.Of<FrancePublicHoliday.Regions>(r => new FrancePublicHoliday { Region = r }),
        ["NZ"] = Regional.Of<NewZealandPublicHoliday.ProvincialDistricts>(d => new NewZealandPublicHoliday { ProvincialDistrict = d }),
        ["PT"] = Regional.Of<PortugalPublicHoliday.Regions>(r => new PortugalPublicHoliday { Region = r }),
        // The package takes Canada's province as a string and accepts any; only real provinces and territories are let through.
        ["CA"] = new(["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"], p => new CanadaPublicHoliday(p)),
        // ISO 3166-2 subdivision codes as well as the package's own names.
        ["GB"] = new(
            ["ENG", "WLS", "SCT", "NIR", .. Enum.GetNames<UKBankHoliday.UkCountries>()],
            name => new UKBankHoliday(name.ToUpperInvariant() switch
            {
                "ENG" => UKBankHoliday.UkCountries.England,
                "WLS" => UKBankHoliday.UkCountries.Wales,
                "SCT" => UKBankHoliday.UkCountries.Scotland,
                "NIR" => UKBankHoliday.UkCountries.NorthernIreland,
                _ => Enum.Parse<UKBankHoliday.UkCountries>(name, ignoreCase: true),
            })),
    };

    private readonly IPublicHolidays _source;
    private readonly Dictionary<int, HashSet<DateOnly>> _years = [];
    private readonly Lock _gate = new();

    private CountryHolidays(string country, string? region, IPublicHolidays source) =>
        (Country, Region, _source) = (country, region, source);

    public string Country { get; }

    public string? Region { get; }

    /// <summary>
    /// The holidays of <paramref name="country"/> (ISO 3166 alpha-2, any case) and <paramref name="region"/>,
    /// or null with the reason in <paramref name="problem"/> when either is not known.
    /// </summary>
    public static CountryHolidays? Find(string country, string? region, out HolidayLookupProblem? problem)
    {
        problem = null;
        var code = country.Trim().ToUpperInvariant();
        IPublicHolidays source;
        try
        {
            source = PublicHolidayFactory.GetPublicHolidayForCountry(code);
        }
        catch (ArgumentOutOfRangeException)
        {
            problem = new HolidayLookupProblem(HolidayLookupProblem.CountrySetting, string.Join(", ", SupportedCountries()));
            return null;
        }

        if (string.IsNullOrWhiteSpace(region))
        {
            return new CountryHolidays(code, null, source);
        }

        var name = region.Trim();
        if (name.StartsWith(code + "-", StringComparison.OrdinalIgnoreCase))
        {
            name = name[(code.Length + 1)..];
        }

        if (!Regions.TryGetValue(code, out var regional))
        {
            problem = new HolidayLookupProblem(HolidayLookupProblem.RegionSetting, "none: this country's holidays do not differ by region");
            return null;
        }

        if (!regional.Names.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            problem = new HolidayLookupProblem(HolidayLookupProblem.RegionSetting, string.Join(", ", regional.Names));
            return null;
        }

        return new CountryHolidays(code, name.ToUpperInvariant(), regional.Create(name));
    }

    public bool IsHoliday(DateOnly date)
    {
        lock (_gate)
        {
            if (!_years.TryGetValue(date.Year, out var days))
            {
                days = Compute(date.Year);
                _years[date.Year] = days;
            }

            return days.Contains(date);
        }
    }

    private HashSet<DateOnly> Compute(int year)
    {
        // The package's rules look a year around the one asked for (New Year spill-over), which the
        // calendar's first and last years do not have; no upgrade is ever planned there.
        if (year <= DateOnly.MinValue.Year || year >= DateOnly.MaxValue.Year)
        {
            return [];
        }

        return [.. _source.PublicHolidays(year).Select(DateOnly.FromDateTime)];
    }

    private static IEnumerable<string> SupportedCountries() =>
        Enum.GetNames<PublicHolidayCountryCode>().Select(n => n.ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal);

    private sealed record Regional(IReadOnlyList<string> Names, Func<string, IPublicHolidays> Create)
    {
        public static Regional Of<TRegion>(Func<TRegion, IPublicHolidays> create)
            where TRegion : struct, Enum =>
            new(
                [.. Enum.GetNames<TRegion>().Where(n => n is not ("ALL" or "All" or "OnlyOfficial"))],
                name => create(Enum.Parse<TRegion>(name, ignoreCase: true)));
    }
}
