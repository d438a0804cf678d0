namespace UpgradeBot.Cli;

/// <summary>The command-line verbs; no verb runs the web service.</summary>
public static class Verbs
{
    private static readonly Dictionary<string, IVerb> Table = new(StringComparer.Ordinal)
    {
        ["ask"] = new AskVerb(),
        ["eval"] = new EvalVerb(),
        ["teams-package"] = new TeamsPackageVerb(),
    };

    public static bool IsVerb(string[] args) => args.Length > 0 && Table.ContainsKey(args[0]);

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            var arguments = VerbArguments.Parse(args);
            var verb = Table[arguments.Name];
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
            {
                ContentRootPath = AppContext.BaseDirectory,
                EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Production,
            });
            ConfigurationLayers.Apply(
                builder.Configuration,
                AppContext.BaseDirectory,
                builder.Environment.EnvironmentName,
                arguments.ConfigFile,
                arguments.Switches,
                verb.Overlay(arguments));
            builder.AddUpgradeBotCore();
            builder.AddConfiguredSchedule();
            using var host = builder.Build();
            await host.StartAsync().ConfigureAwait(false);
            var exitCode = await verb.RunAsync(arguments, host.Services).ConfigureAwait(false);
            await host.StopAsync().ConfigureAwait(false);
            return exitCode;
        }
        catch (Exception e) when (StartupFailure.Describe(e) is { } message)
        {
            await Console.Error.WriteLineAsync(message).ConfigureAwait(false);
            return 2;
        }
    }
}
