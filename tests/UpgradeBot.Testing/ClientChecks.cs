using System.Diagnostics;

namespace UpgradeBot.Testing;

/// <summary>The Node checks under tests/clients: whether their packages are installed, and running them.</summary>
public static class ClientChecks
{
    public static string Folder(string client) => Path.Combine(PayloadFiles.RepositoryRoot, "tests", "clients", client);

    /// <summary>
    /// Ends the test when <paramref name="package"/> is not installed in the client's folder: a skip, or a
    /// failure in CI (<see cref="RequiredService"/>), which installs it with <paramref name="setupScript"/>.
    /// </summary>
    public static void RequireInstalled(string client, string package, string setupScript)
    {
        if (Directory.Exists(Path.Combine(Folder(client), "node_modules", package)))
        {
            return;
        }

        RequiredService.Missing($"tests/clients/{client}/node_modules is missing: run `npm ci` there ({setupScript}).");
    }

    /// <summary>Ends the test when Chromium from Debian (or <c>CHROMIUM_PATH</c>) is not there: a skip, or a failure in CI.</summary>
    public static void RequireChromium()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            RequiredService.Missing($"{chromium} is missing: apt-get install chromium (.ci/setup.d/20-teams-clients.sh).");
        }
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunNodeAsync(string client, params string[] arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Folder(client),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }
}
