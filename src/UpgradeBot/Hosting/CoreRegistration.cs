using Microsoft.Extensions.DependencyInjection.Extensions;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Conversations;
using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Deployments;
using UpgradeBot.Core.Knowledge;

namespace UpgradeBot.Hosting;

public static class CoreRegistration
{
    /// <summary>
    /// Options (validated at start, with messages naming the key), the knowledge base, the timing
    /// rule, the answer composer and the conversation: everything the web service and the verbs
    /// share. Where the schedule comes from is the caller's choice (<see cref="ScheduleRegistration"/>).
    /// </summary>
    public static IHostApplicationBuilder AddUpgradeBotCore(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);

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
        services.AddOptions<UpgradeFeedOptions>().BindConfiguration(UpgradeFeedOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<UpgradeFeedOptions>, SettingsValidator>();
        services.AddOptions<CustomersOptions>().BindConfiguration(CustomersOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CustomersOptions>, SettingsValidator>();

        services.AddSingleton(sp => ScheduleSettings.ToCalendar(sp.GetRequiredService<IOptions<CalendarOptions>>().Value, CalendarOptions.Section, new List<string>())
            ?? throw new InvalidOperationException("Calendar settings were not validated."));
        services.AddSingleton(sp => new CalendarFeedLink(
            ScheduleSettings.ToCalendarFeedUrl(sp.GetRequiredService<IOptions<CalendarOptions>>().Value, CalendarOptions.Section, new List<string>())));
        services.AddSingleton(sp =>
        {
            var escalation = sp.GetRequiredService<IOptions<EscalationOptions>>().Value;
            return new TimingRule(sp.GetRequiredService<BusinessCalendar>(), escalation.GraceBusinessDays, escalation.LookbackDays);
        });
        // The verbs have no store: configuration alone decides there.
        services.AddSingleton(sp =>
        {
            var deployments = sp.GetRequiredService<IOptions<DeploymentsOptions>>().Value;
            return new DeploymentDirectory(deployments.Default, deployments.Tenants, sp.GetService<ICustomerStore>());
        });
        services.AddSingleton(sp => CustomerSettingsRules.From(sp.GetRequiredService<IOptions<CustomersOptions>>().Value, new List<string>())
            ?? throw new InvalidOperationException("Customers settings were not validated."));
        services.AddSingleton<CustomerSettingsService>();
        // Knowledge:Path if set (relative to the working directory), else the file shipped beside the binaries.
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.Path is { Length: > 0 } path
            ? KnowledgeFile.Load(Path.GetFullPath(path))
            : KnowledgeFile.LoadShipped());
        services.AddSingleton(sp => sp.GetRequiredService<KnowledgeFile>().Knowledge);
        services.AddSingleton<IQuestionMatcher>(sp => sp.GetRequiredService<KnowledgeFile>().Matcher);
        services.AddSingleton(sp => new AnswerService(
            sp.GetRequiredService<KnowledgeBase>(),
            sp.GetRequiredService<IQuestionMatcher>(),
            sp.AnsweringSchedule(),
            sp.GetRequiredService<TimingRule>(),
            sp.GetRequiredService<DeploymentDirectory>(),
            sp.GetRequiredService<CalendarFeedLink>()));
        services.AddSingleton<IAnswerService>(sp => sp.GetRequiredService<AnswerService>());
        services.AddSingleton<BotConversation>();
        return builder;
    }
}
