using UpgradeBot.Core.Announcements;

namespace UpgradeBot.Announcements;

public static class AnnouncementRegistration
{
    /// <summary>The announcement outbox, a step of the background loop, posting through every platform's messenger.</summary>
    public static IHostApplicationBuilder AddAnnouncements(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<AnnouncementOutbox>(sp, sp.GetRequiredService<IOptions<AnnouncementOptions>>().Value));
        services.AddSingleton<IBackgroundStep>(sp => sp.GetRequiredService<AnnouncementOutbox>());
        return builder;
    }
}
