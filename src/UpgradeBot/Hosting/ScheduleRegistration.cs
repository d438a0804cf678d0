using UpgradeBot.Schedule;

namespace UpgradeBot.Hosting;

/// <summary>Where answers and announcements read the upgrade windows: said once, by whoever builds the host.</summary>
public static class ScheduleRegistration
{
    /// <summary>
    /// The key of a schedule that answers and escalations read instead of <see cref="IUpgradeSchedule"/>:
    /// the playground's, which adds demo upgrades. Whatever announces or publishes the schedule reads
    /// <see cref="IUpgradeSchedule"/> and so never sees them.
    /// </summary>
    public const string AnsweringKey = "answering";

    /// <summary>What answers and escalations read: the keyed <see cref="AnsweringKey"/> schedule when one is registered, else the schedule.</summary>
    public static IUpgradeSchedule AnsweringSchedule(this IServiceProvider services) =>
        services.GetKeyedService<IUpgradeSchedule>(AnsweringKey) ?? services.GetRequiredService<IUpgradeSchedule>();

    /// <summary>The command-line verbs: the <c>Upgrades</c> configuration as it is, no database.</summary>
    public static IHostApplicationBuilder AddConfiguredSchedule(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IUpgradeSchedule>(sp => new FixedSchedule(
            ScheduleSettings.ToWindows(sp.GetRequiredService<IOptions<ScheduleOptions>>().Value.Upgrades, "Upgrades", new List<string>())));
        return builder;
    }

    /// <summary>
    /// The web service: the windows in the store (needs <c>AddStorage</c>), where configuration is
    /// reconciled at start and the admin API edits them at run time.
    /// </summary>
    public static IHostApplicationBuilder AddStoredSchedule(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<UpgradeScheduleEditor>();
        services.AddSingleton<StoredSchedule>();
        services.AddSingleton<IUpgradeSchedule>(sp => sp.GetRequiredService<StoredSchedule>());
        services.AddHostedService(sp => sp.GetRequiredService<StoredSchedule>());
        return builder;
    }
}
