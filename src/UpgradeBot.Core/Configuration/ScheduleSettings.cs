using System.Globalization;
using System.Text.RegularExpressions;

namespace UpgradeBot.Core.Configuration;

/// <summary>
/// Turns the <c>Calendar</c> and <c>Upgrades</c> settings into domain objects, collecting every
/// problem as a message that names the offending key so an operator can fix it without guessing.
/// </summary>
public static partial class ScheduleSettings
{
    /// <summary>The ids of windows read from a Statuspage-format feed are this prefix and the maintenance's id.</summary>
    public const string FeedIdPrefix = "statuspage:";

    /// <summary>Instants outside these years are typos: arithmetic on them (reminders, grace deadlines) would also overflow.</summary>
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset Latest = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public const int MaxTitleLength = 200;
    public const int MaxPhaseNameLength = 100;
    public const int MaxPhases = 50;
    public const int MaxUrlLength = 2_000;
    public const int MaxUpgrades = 1_000;

    public static BusinessCalendar? ToCalendar(CalendarOptions options, string path, ICollection<string> errors)
    {
        TimeZoneInfo? zone = null;
        if (string.IsNullOrWhiteSpace(options.TimeZone))
        {
            errors.Add($"{path}:TimeZone is empty; give an IANA time zone such as Europe/London.");
        }
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out zone))
        {
            errors.Add($"{path}:TimeZone '{options.TimeZone}' is not a known IANA time zone (for example Europe/London or America/New_York).");
        }

        var workDays = new List<DayOfWeek>();
        for (var i = 0; i < options.WorkDays.Count; i++)
        {
            if (Enum.TryParse<DayOfWeek>(options.WorkDays[i], ignoreCase: true, out var day) && !int.TryParse(options.WorkDays[i], out _))
            {
                workDays.Add(day);
            }
            else
            {
                errors.Add($"{path}:WorkDays:{i} '{options.WorkDays[i]}' is not a day name (Monday ... Sunday).");
            }
        }

        var holidays = new List<DateOnly>();
        for (var i = 0; i < options.Holidays.Count; i++)
        {
            if (DateOnly.TryParseExact(options.Holidays[i], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                holidays.Add(date);
            }
            else
            {
                errors.Add($"{path}:Holidays:{i} '{options.Holidays[i]}' is not an ISO date (yyyy-MM-dd).");
            }
        }

        var country = Country(options, path, errors, out var countryFailed);
        return zone is null || workDays.Count != options.WorkDays.Count || holidays.Count != options.Holidays.Count || countryFailed
            ? null
            : new BusinessCalendar(zone, workDays.Count == 0 ? BusinessCalendar.MondayToFriday : workDays, holidays, country);
    }

    /// <summary>The public holidays named by <c>HolidayCountry</c> and <c>HolidayRegion</c>, null when none are asked for.</summary>
    private static CountryHolidays? Country(CalendarOptions options, string path, ICollection<string> errors, out bool failed)
    {
        failed = false;
        if (string.IsNullOrWhiteSpace(options.HolidayCountry))
        {
            if (!string.IsNullOrWhiteSpace(options.HolidayRegion))
            {
                errors.Add($"{path}:HolidayRegion '{options.HolidayRegion}' needs {path}:HolidayCountry as well (for example AU with NSW).");
                failed = true;
            }

            return null;
        }

        var country = CountryHolidays.Find(options.HolidayCountry, options.HolidayRegion, out var problem);
        if (problem is not null)
        {
            var value = problem.Setting == HolidayLookupProblem.CountrySetting ? options.HolidayCountry : options.HolidayRegion;
            errors.Add(problem.Setting == HolidayLookupProblem.CountrySetting
                ? $"{path}:{problem.Setting} '{value}' is not a country whose holidays are known; use an ISO 3166 code, one of: {problem.Known}."
                : $"{path}:{problem.Setting} '{value}' is not a region of {options.HolidayCountry.Trim().ToUpperInvariant()} with holidays of its own; known regions: {problem.Known}.");
            failed = true;
        }

        return country;
    }

    /// <summary>
    /// The address of the iCalendar feed for "Add to calendar" links: null when the feed is off or
    /// has no public address. A bad address is an error naming <c>{path}:Feed:PublicUrl</c>.
    /// </summary>
    public static Uri? ToCalendarFeedUrl(CalendarOptions options, string path, ICollection<string> errors)
    {
        if (string.IsNullOrWhiteSpace(options.Feed.PublicUrl))
        {
            return null;
        }

        if (!Uri.TryCreate(options.Feed.PublicUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(url.UserInfo))
        {
            errors.Add($"{path}:Feed:PublicUrl '{options.Feed.PublicUrl}' is not an absolute http(s) URL without credentials (for example https://upgradebot.example.com/api/calendar/upgrades.ics).");
            return null;
        }

        return options.Feed.Enabled ? url : null;
    }

    public static IReadOnlyList<UpgradeWindow> ToWindows(IReadOnlyList<UpgradeOptions> upgrades, string path, ICollection<string> errors)
    {
        var windows = new List<UpgradeWindow>();
        if (upgrades.Count > MaxUpgrades)
        {
            errors.Add($"{path} lists {upgrades.Count} upgrades; at most {MaxUpgrades}.");
            return windows;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < upgrades.Count; i++)
        {
            var window = upgrades[i] is { } upgrade ? ToWindow(upgrade, $"{path}:{i}", errors) : null;
            if (window is null || IsFeedOwnedId(window.Id, $"{path}:{i}", errors))
            {
                continue;
            }

            if (!ids.Add(window.Id))
            {
                errors.Add($"{path}:{i}:Id '{window.Id}' is used by another upgrade; ids must be unique.");
                continue;
            }

            windows.Add(window);
        }

        return windows;
    }

    public static UpgradeWindow? ToWindow(UpgradeOptions upgrade, string path, ICollection<string> errors)
    {
        var before = errors.Count;
        if (string.IsNullOrWhiteSpace(upgrade.Id))
        {
            errors.Add($"{path}:Id is missing.");
        }
        else if (!IsWindowId(upgrade.Id))
        {
            errors.Add($"{path}:Id '{upgrade.Id}' may only contain letters, digits, '-', '_' and '.' (at most 64).");
        }

        if (string.IsNullOrWhiteSpace(upgrade.Title))
        {
            errors.Add($"{path}:Title is missing.");
        }
        else if (upgrade.Title.Length > MaxTitleLength)
        {
            errors.Add($"{path}:Title is {upgrade.Title.Length} characters long; at most {MaxTitleLength}.");
        }

        Uri? statusUrl = null;
        if (!string.IsNullOrWhiteSpace(upgrade.StatusUrl)
            && (upgrade.StatusUrl.Length > MaxUrlLength || !Uri.TryCreate(upgrade.StatusUrl, UriKind.Absolute, out statusUrl) || statusUrl.Scheme is not ("https" or "http")))
        {
            errors.Add($"{path}:StatusUrl '{Shown(upgrade.StatusUrl)}' is not an absolute http(s) URL of at most {MaxUrlLength} characters.");
        }

        var phaseOptions = upgrade.Phases ?? [];
        if (phaseOptions.Count == 0)
        {
            errors.Add($"{path}:Phases is empty; an upgrade needs at least one phase.");
        }
        else if (phaseOptions.Count > MaxPhases)
        {
            errors.Add($"{path}:Phases has {phaseOptions.Count} phases; at most {MaxPhases}.");
            return null;
        }

        var phases = new List<UpgradePhase>();
        for (var p = 0; p < phaseOptions.Count; p++)
        {
            var phasePath = $"{path}:Phases:{p}";
            if (phaseOptions[p] is not { } phase)
            {
                errors.Add($"{phasePath} is empty; a phase needs a Start and an End.");
                continue;
            }

            if (phase.Name is { Length: > MaxPhaseNameLength })
            {
                errors.Add($"{phasePath}:Name is {phase.Name.Length} characters long; at most {MaxPhaseNameLength}.");
            }

            var start = Instant(phase.Start, $"{phasePath}:Start", errors);
            var end = Instant(phase.End, $"{phasePath}:End", errors);
            if (start is null || end is null)
            {
                continue;
            }

            if (end <= start)
            {
                errors.Add($"{phasePath}:End ({phase.End}) is not after {phasePath}:Start ({phase.Start}).");
                continue;
            }

            if (phases.Count > 0 && start < phases[^1].End)
            {
                errors.Add($"{phasePath}:Start ({phase.Start}) is before the end of the previous phase ({path}:Phases:{p - 1}:End); phases must be in order and must not overlap.");
                continue;
            }

            phases.Add(new UpgradePhase(string.IsNullOrWhiteSpace(phase.Name) ? $"Phase {p + 1}" : phase.Name, start.Value, end.Value));
        }

        return errors.Count == before
            ? new UpgradeWindow(upgrade.Id!, upgrade.Title!, phases, statusUrl)
            : null;
    }

    /// <summary>
    /// True (and an error naming the key) for an id of the status page feed's own form: such windows
    /// are the feed's, and one of the same id elsewhere would take it over or be overwritten by it.
    /// </summary>
    public static bool IsFeedOwnedId(string id, string path, ICollection<string> errors)
    {
        if (!id.StartsWith(FeedIdPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        errors.Add($"{path}:Id '{id}' starts with '{FeedIdPrefix}', which is kept for upgrades read from the status page (UpgradeFeed:Url).");
        return true;
    }

    /// <summary>A window id: letters, digits, '-', '_' and '.', optionally after <see cref="FeedIdPrefix"/> for the feed's windows.</summary>
    public static bool IsWindowId(string id) =>
        IdPattern().IsMatch(id.StartsWith(FeedIdPrefix, StringComparison.Ordinal) ? id[FeedIdPrefix.Length..] : id);

    /// <summary>An ISO 8601 instant that carries its offset; anything else is refused rather than guessed.</summary>
    public static bool TryParseInstant(string? text, out DateTimeOffset instant)
    {
        instant = default;
        return text is { Length: <= 40 }
            && OffsetSuffix().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out instant);
    }

    /// <summary>Whether an instant lies in the years the bot accepts (<see cref="Earliest"/> to <see cref="Latest"/>).</summary>
    public static bool IsInRange(DateTimeOffset instant) => instant >= Earliest && instant < Latest;

    private static DateTimeOffset? Instant(string? text, string key, ICollection<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add($"{key} is missing.");
            return null;
        }

        if (!TryParseInstant(text, out var instant))
        {
            errors.Add($"{key} '{Shown(text)}' is not an ISO 8601 instant with an offset (for example 2027-03-26T22:00:00Z or 2027-03-26T23:00:00+01:00).");
            return null;
        }

        if (!IsInRange(instant))
        {
            errors.Add($"{key} ({text}) is outside the years {Earliest.Year}–{Latest.Year - 1} the bot accepts.");
            return null;
        }

        return instant;
    }

    /// <summary>A value quoted in a message, cut so a hostile one cannot make the message huge.</summary>
    public static string Shown(string value) => value.Length <= 80 ? value : value[..80] + "…";

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex OffsetSuffix();

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
