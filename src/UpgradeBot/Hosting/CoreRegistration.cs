using Microsoft.Extensions.Options;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Configuration;
using UpgradeBot.Core.Deployments;
using UpgradeBot.Core.Knowledge;
using UpgradeBot.Core.Schedule;

namespace UpgradeBot.Hosting;

public static class CoreRegistration
{
    /// <summary>
    /// Options (validated at start, with messages naming the key), the knowledge base, the timing
    /// rule and the answer composer: everything the web service and the verbs share.
    /// </summary>
    public static IHostApplicationBuilder AddUpgradeBotCore(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingletonTimeProvider();

        services.AddOptions<CalendarOptions>().BindConfiguration(CalendarOptions.Section).ValidateOnStart();
        services.AddOptions<ScheduleOptions>().Bind(builder.Configuration).ValidateOnStart();
        services.AddOptions<EscalationOptions>().BindConfiguration(EscalationOptions.Section).ValidateOnStart();
        services.AddOptions<DeploymentsOptions>().BindConfiguration(DeploymentsOptions.Section).ValidateOnStart();
        services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.Section);
        services.AddOptions<AnnouncementOptions>().BindConfiguration(AnnouncementOptions.Section).ValidateOnStart();
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section);
        services.AddSingleton<IValidateOptions<CalendarOptions>, SettingsValidator>();
        services.AddSingleton<IValidateOptions<ScheduleOptions>, SettingsValidator>();
        services.AddSingleton<IValidateOptions<EscalationOptions>, SettingsValidator>();
        services.AddSingleton<IValidateOptions<AnnouncementOptions>, SettingsValidator>();

        services.AddSingleton(sp => ScheduleSettings.ToCalendar(sp.GetRequiredService<IOptions<CalendarOptions>>().Value, CalendarOptions.Section, new List<string>())
            ?? throw new InvalidOperationException("Calendar settings were not validated."));
        services.AddSingleton(sp =>
        {
            var escalation = sp.GetRequiredService<IOptions<EscalationOptions>>().Value;
            return new TimingRule(sp.GetRequiredService<BusinessCalendar>(), escalation.GraceBusinessDays, escalation.LookbackDays);
        });
        services.AddSingleton(sp =>
        {
            var deployments = sp.GetRequiredService<IOptions<DeploymentsOptions>>().Value;
            return new DeploymentDirectory(deployments.Default, deployments.Tenants);
        });
        services.AddSingleton(sp => KnowledgeLoading.Load(sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value));
        services.AddSingleton(sp => sp.GetRequiredService<LoadedKnowledge>().Knowledge);
        services.AddSingleton(sp => sp.GetRequiredService<LoadedKnowledge>().Matcher);
        services.AddSingleton<IUpgradeSchedule>(sp => new FixedSchedule(
            ScheduleSettings.ToWindows(sp.GetRequiredService<IOptions<ScheduleOptions>>().Value.Upgrades, "Upgrades", new List<string>())));
        services.AddSingleton(sp => new AnswerService(
            sp.GetRequiredService<KnowledgeBase>(),
            sp.GetRequiredService<IQuestionMatcher>(),
            sp.GetRequiredService<IUpgradeSchedule>(),
            sp.GetRequiredService<TimingRule>(),
            sp.GetRequiredService<DeploymentDirectory>(),
            TimeSpan.FromDays(sp.GetRequiredService<IOptions<EscalationOptions>>().Value.LookbackDays)));
        services.AddSingleton<IAnswerService>(sp => sp.GetRequiredService<AnswerService>());
        return builder;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
