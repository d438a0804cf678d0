using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Schedule.Feed;

namespace UpgradeBot.Hosting;

/// <summary>Start-up checks of the settings; each failure names the key to fix.</summary>
public sealed class SettingsValidator :
    IValidateOptions<CalendarOptions>,
    IValidateOptions<ScheduleOptions>,
    IValidateOptions<EscalationOptions>,
    IValidateOptions<AnnouncementOptions>,
    IValidateOptions<UpgradeFeedOptions>,
    IValidateOptions<CustomersOptions>
{
    private static readonly TimeSpan MaxLead = TimeSpan.FromDays(365);

    public ValidateOptionsResult Validate(string? name, CalendarOptions options) => Result(errors =>
    {
        ScheduleSettings.ToCalendar(options, CalendarOptions.Section, errors);
        ScheduleSettings.ToCalendarFeedUrl(options, CalendarOptions.Section, errors);
    });

    public ValidateOptionsResult Validate(string? name, UpgradeFeedOptions options) => Result(errors =>
    {
        const string S = UpgradeFeedOptions.Section;
        if (!string.IsNullOrWhiteSpace(options.Url)
            && (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http")))
        {
            // Not echoed: a private status page's address may carry a key.
            errors.Add($"{S}:Url is not an absolute http(s) URL (for example https://status.example.com/api/v2/scheduled-maintenances.json).");
        }

        if (options.PollInterval <= TimeSpan.Zero)
        {
            errors.Add($"{S}:PollInterval must be a positive duration such as 00:05:00.");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            errors.Add($"{S}:Timeout must be a positive duration such as 00:00:30.");
        }

        UpgradeFeedFilter.From(options, S, errors);
    });

    public ValidateOptionsResult Validate(string? name, CustomersOptions options) =>
        Result(errors => CustomerSettingsRules.From(options, errors));

    public ValidateOptionsResult Validate(string? name, ScheduleOptions options) =>
        Result(errors => ScheduleSettings.ToWindows(options.Upgrades, "Upgrades", errors));

    public ValidateOptionsResult Validate(string? name, EscalationOptions options) => Result(errors =>
    {
        const string S = EscalationOptions.Section;
        Range(errors, $"{S}:GraceBusinessDays", options.GraceBusinessDays, 0, 30);
        Range(errors, $"{S}:LookbackDays", options.LookbackDays, 1, 366);
        Range(errors, $"{S}:MaxPerUserPerDay", options.MaxPerUserPerDay, 1, 1000);
        Delivery(errors, $"{S}:Delivery", options.Delivery);
        Lease(errors, $"{S}:ClaimLease", options.ClaimLease);
    });

    public ValidateOptionsResult Validate(string? name, AnnouncementOptions options) => Result(errors =>
    {
        if (options.ReminderLead <= TimeSpan.Zero || options.ReminderLead > MaxLead)
        {
            errors.Add($"{AnnouncementOptions.Section}:ReminderLead must be a positive duration of at most 365 days, such as 1.00:00:00.");
        }

        if (options.CatchUpLimit < TimeSpan.Zero || options.CatchUpLimit > MaxLead)
        {
            errors.Add($"{AnnouncementOptions.Section}:CatchUpLimit must be between 0 and 365 days.");
        }

        const string S = AnnouncementOptions.Section;
        Range(errors, $"{S}:MaxConcurrency", options.MaxConcurrency, 1, 256);
        Delivery(errors, $"{S}:Delivery", options.Delivery);
        Lease(errors, $"{S}:ClaimLease", options.ClaimLease);
    });

    private static void Lease(List<string> errors, string key, TimeSpan lease)
    {
        if (lease <= TimeSpan.Zero)
        {
            errors.Add($"{key} must be positive.");
        }
    }

    private static void Delivery(List<string> errors, string path, DeliveryOptions delivery)
    {
        Range(errors, $"{path}:MaxAttempts", delivery.MaxAttempts, 1, 100);
        if (delivery.FirstRetryDelay <= TimeSpan.Zero || delivery.MaxRetryDelay < delivery.FirstRetryDelay)
        {
            errors.Add($"{path}:FirstRetryDelay must be positive and not above {path}:MaxRetryDelay.");
        }

        if (delivery.PollInterval <= TimeSpan.Zero)
        {
            errors.Add($"{path}:PollInterval must be positive.");
        }
    }

    private static void Range(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{key} is {value}; it must be between {min} and {max}.");
        }
    }

    private static ValidateOptionsResult Result(Action<List<string>> check)
    {
        var errors = new List<string>();
        check(errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
