namespace UpgradeBot.Playground;

public static partial class PlaygroundRegistration
{
    /// <summary>
    /// The playground's parts: its settings (Slack's secret, token and Web API, the Champions
    /// conversations; a configuration source that stays empty while the playground is off), the
    /// receivers' feed, "announce now", and the demo upgrades as the schedule answers read. Whether
    /// it is on is decided by <see cref="MapPlayground"/>; nothing else of the bot changes. Call it after the platforms.
    /// </summary>
    public static IHostApplicationBuilder AddPlayground(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var settings = new PlaygroundSettings();
        builder.Configuration.Sources.Add(settings);
        services.AddSingleton(settings);
        services.AddSingleton(sp =>
        {
            var mode = PlaygroundMode.From(sp.GetRequiredService<IConfiguration>());
            if (mode.On)
            {
                settings.TurnOn();
            }

            return mode;
        });
        services.AddOptions<PlaygroundOptions>().BindConfiguration(PlaygroundOptions.Section)
            .Validate<PlaygroundMode>(
                (options, mode) => options.Enabled != true || mode.Local,
                "Playground:Enabled is true, but the playground runs only without credentials (MicrosoftAppId, Slack:SigningSecret, Slack:BotToken and Slack:ClientId all empty): it would take over where Slack replies go. Remove Playground:Enabled or the credentials.")
            .ValidateOnStart();
        services.AddSingleton<PlaygroundFeed>();
        services.AddSingleton<PlaygroundAnnouncer>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<DemoSchedule>(sp, sp.GetRequiredService<IUpgradeSchedule>()));
        services.AddKeyedSingleton<IUpgradeSchedule>(ScheduleRegistration.AnsweringKey, (sp, _) =>
            sp.GetRequiredService<PlaygroundMode>().DemoSchedule ? sp.GetRequiredService<DemoSchedule>() : sp.GetRequiredService<IUpgradeSchedule>());
        services.AddHostedService<PlaygroundStartup>();
        return builder;
    }

    /// <summary>
    /// Decides whether the playground is on, from the complete configuration and before the host
    /// starts (so before anything reads the settings it puts in place), and when it is, maps
    /// <c>GET /playground</c> and its receivers; otherwise nothing, so every playground path is a 404.
    /// </summary>
    public static IEndpointRouteBuilder MapPlayground(this IEndpointRouteBuilder app)
    {
        var services = app.ServiceProvider;
        if (!services.GetRequiredService<PlaygroundMode>().On)
        {
            return app;
        }

        PlaygroundEndpoints.Map(app);
        var settings = services.GetRequiredService<PlaygroundSettings>();
        var logger = services.GetRequiredService<ILogger<PlaygroundSettings>>();

        // Registered before the host's own start message, so this line comes after it: the last of the start.
        services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() => LogAddress(logger, settings.PageUrl));
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Playground: {PlaygroundUrl} (Teams and Slack on this machine, no credentials needed)")]
    private static partial void LogAddress(ILogger logger, Uri playgroundUrl);
}
