using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Configuration;
using UpgradeBot.Core.Schedule;

namespace UpgradeBot.Announcements;

public static class AnnouncementRegistration
{
    /// <summary>
    /// Upgrade windows at run time (reconciled from configuration at start, edited through the admin
    /// API, read from the store by answers and announcements) and the announcement dispatcher. The
    /// command-line verbs do not call this: they answer from configuration without a database.
    /// </summary>
    public static IHostApplicationBuilder AddAnnouncements(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Replace(ServiceDescriptor.Singleton<IUpgradeSchedule, StoredSchedule>());
        services.AddSingleton<UpgradeScheduleEditor>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AnnouncementOptions>>().Value;
            return new AnnouncementPlanner(options.ReminderLead, options.CatchUpLimit);
        });
        services.AddSingleton(sp => new AnnouncementComposer(
            sp.GetRequiredService<TimingRule>(), sp.GetRequiredService<IOptions<AnnouncementOptions>>().Value.ReminderLead));

        // Hosted services start in order: the store is migrated (AddStorage) and reconciled before the first tick plans anything.
        services.AddSingleton<ConfiguredUpgrades>();
        services.AddHostedService(sp => sp.GetRequiredService<ConfiguredUpgrades>());
        services.AddSingleton<AnnouncementDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<AnnouncementDispatcher>());
        return builder;
    }
}
