using UpgradeBot.Admin;
using UpgradeBot.Announcements;
using UpgradeBot.Calendar;
using UpgradeBot.Cli;
using UpgradeBot.Escalation;
using UpgradeBot.Playground;
using UpgradeBot.Retention;
using UpgradeBot.Schedule;
using UpgradeBot.Slack;
using UpgradeBot.Teams;

if (Verbs.IsVerb(args))
{
    return await Verbs.RunAsync(args);
}

try
{
    var (configFile, hostArgs) = ConfigurationLayers.ExtractConfigFile(args);
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = hostArgs, ContentRootPath = AppContext.BaseDirectory });
    ConfigurationLayers.Apply(builder.Configuration, AppContext.BaseDirectory, builder.Environment.EnvironmentName, configFile, hostArgs);

    builder.AddServiceDefaults();
    builder.AddUpgradeBotCore();
    builder.AddStorage();
    builder.AddStoredSchedule();
    builder.AddUpgradeFeed();
    builder.AddEscalation();
    builder.AddAnnouncements();
    builder.AddRetention();
    builder.AddTeamsPlatform();
    builder.AddSlackPlatform();
    builder.AddPlayground();

    var app = builder.Build();
    app.MapHealthEndpoints();
    app.MapAdminApi();
    app.MapCalendarEndpoints();
    app.MapTeamsEndpoints();
    app.MapSlackEndpoints();
    app.MapPlayground();

    await app.RunAsync();
    return 0;
}
catch (Exception e) when (StartupFailure.Describe(e) is { } message)
{
    await Console.Error.WriteLineAsync(message);
    return 2;
}

public partial class Program;
