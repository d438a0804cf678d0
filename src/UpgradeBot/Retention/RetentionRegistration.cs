using UpgradeBot.Core.Retention;

namespace UpgradeBot.Retention;

public static class RetentionRegistration
{
    /// <summary>A period longer than this is a mistake in the setting, not a policy (and would reach back before year 1).</summary>
    private static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(36_500);

    /// <summary>A timer cannot wait longer; nobody needs to prune less often.</summary>
    private static readonly TimeSpan MaxPruneInterval = TimeSpan.FromDays(30);

    /// <summary>
    /// <c>Retention</c> (validated at start, messages naming the key), the policy, and the prune as
    /// one more step of the background loop.
    /// </summary>
    public static IHostApplicationBuilder AddRetention(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section)
            .Validate(o => IsPeriod(o.ProcessedEvents), Period(nameof(RetentionOptions.ProcessedEvents)))
            .Validate(o => IsPeriod(o.EventIds), Period(nameof(RetentionOptions.EventIds)))
            .Validate(o => IsPeriod(o.Announcements), Period(nameof(RetentionOptions.Announcements)))
            .Validate(o => IsPeriod(o.Escalations), Period(nameof(RetentionOptions.Escalations)))
            .Validate(o => IsPeriod(o.UninstalledWorkspaces), Period(nameof(RetentionOptions.UninstalledWorkspaces)))
            .Validate(
                o => o.EventIds >= o.ProcessedEvents,
                "Retention:EventIds must be at least Retention:ProcessedEvents: an event's id is kept after its payload, to recognise the platform's retries.")
            .Validate(
                o => o.PruneInterval > TimeSpan.Zero && o.PruneInterval <= MaxPruneInterval,
                "Retention:PruneInterval must be positive and at most 30 days, such as 01:00:00.")
            .ValidateOnStart();
        services.AddSingleton(sp => new RetentionPolicy(
            sp.GetRequiredService<IOptions<RetentionOptions>>().Value, sp.GetRequiredService<IOptions<AnnouncementOptions>>().Value));
        services.AddSingleton<IBackgroundStep, RetentionStep>();
        return builder;
    }

    private static bool IsPeriod(TimeSpan period) => period >= TimeSpan.Zero && period <= MaxPeriod;

    private static string Period(string key) => $"Retention:{key} must be between 0 and 36500 days, such as 30.00:00:00 for 30 days.";
}
