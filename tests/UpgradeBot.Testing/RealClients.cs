using System.Diagnostics;

namespace UpgradeBot.Testing;

/// <summary>
/// The Node checks under tests/clients, run from xunit. Without what they need (node_modules,
/// Chromium) they are skipped with the reason, unless UPGRADEBOT_REQUIRE_SERVICES=1 (CI), where that fails.
/// </summary>
public static class RealClients
{
    public static string Folder(string name) => Path.Combine(PayloadFiles.RepositoryRoot, "tests", "clients", name);

    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    /// <summary>Skips (or, in CI, fails) the test when anything is listed as missing.</summary>
    public static void Require(params string?[] missing)
    {
        var absent = missing.OfType<string>().ToList();
        if (absent.Count == 0)
        {
            return;
        }

        var reason = $"This check needs {string.Join(" and ", absent)}.";
        Assert.False(Environment.GetEnvironmentVariable("UPGRADEBOT_REQUIRE_SERVICES") == "1", reason);
        Assert.Skip(reason);
    }

    /// <summary>"tests/clients/NAME/node_modules (run npm ci there)" when it is missing.</summary>
    public static string? MissingNodeModules(string name, string package) =>
        Directory.Exists(Path.Combine(Folder(name), "node_modules", package)) ? null : $"tests/clients/{name}/node_modules (run npm ci there)";

    public static string? MissingChromium() => File.Exists(ChromiumPath) ? null : $"{ChromiumPath} (apt-get install chromium)";

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunNodeAsync(string name, string script, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("node", script) { WorkingDirectory = Folder(name), RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var token = TestContext.Current.CancellationToken;
        var stdout = process.StandardOutput.ReadToEndAsync(token);
        var stderr = process.StandardError.ReadToEndAsync(token);
        await process.WaitForExitAsync(token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
