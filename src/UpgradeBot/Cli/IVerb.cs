namespace UpgradeBot.Cli;

/// <summary>A command-line verb of the host binary.</summary>
internal interface IVerb
{
    /// <summary>Settings the verb layers over all configuration files (eval's calendar and upgrades).</summary>
    JsonElement? Overlay(VerbArguments arguments) => null;

    Task<int> RunAsync(VerbArguments arguments, IServiceProvider services);
}
