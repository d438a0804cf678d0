using UpgradeBot.Teams;

namespace UpgradeBot.Cli;

/// <summary><c>teams-package --app-id ID --out FILE.zip</c>: writes the Teams app package to upload.</summary>
internal sealed class TeamsPackageVerb : IVerb
{
    public async Task<int> RunAsync(VerbArguments arguments, IServiceProvider services)
    {
        if (arguments.Option("app-id") is not { } appId || arguments.Option("out") is not { } outPath || arguments.Positional.Count > 0)
        {
            throw new UsageException("Usage: teams-package --app-id MICROSOFT_APP_ID --out FILE.zip");
        }

        try
        {
            await TeamsPackage.WriteAsync(appId, outPath).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }

        await Console.Out.WriteLineAsync($"Wrote {Path.GetFullPath(outPath)}").ConfigureAwait(false);
        return 0;
    }
}
