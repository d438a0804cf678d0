namespace UpgradeBot.Playground;

/// <summary>
/// Whether the playground runs, decided once from the complete configuration (a test host adds its
/// settings only when the host is built) before the host starts, by <see cref="PlaygroundRegistration.MapPlayground"/>.
/// </summary>
/// <param name="Local">No credentials are configured (<see cref="PlaygroundOptions.IsLocalMode"/>).</param>
public sealed record PlaygroundMode(bool Local, bool On, bool DemoSchedule)
{
    public static PlaygroundMode From(IConfiguration configuration)
    {
        var options = configuration.GetSection(PlaygroundOptions.Section).Get<PlaygroundOptions>() ?? new PlaygroundOptions();
        var local = PlaygroundOptions.IsLocalMode(configuration);
        var on = local && options.Enabled != false;
        return new PlaygroundMode(local, on, on && options.DemoSchedule);
    }
}
