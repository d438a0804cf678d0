using System.Diagnostics;

namespace UpgradeBot.Testing;

/// <summary>
/// A real-client check in tests/clients/{name}: a Node script run with the packages of its own
/// lock file, some of them driving Chromium from Debian. What it needs is outside the repository, so
/// a missing piece skips the test with a reason, or fails it in CI (<see cref="RequiredService"/>).
/// </summary>
public sealed class ClientCheck(string name)
{
    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    public string Folder { get; } = Path.Combine(CardOutput.RepositoryRoot(), "tests", "clients", name);

    /// <summary>Ends the test when the folder's node_modules, or with <paramref name="chromium"/> the browser, is missing.</summary>
    public void Require(bool chromium)
    {
        var missing = new[]
        {
            Directory.Exists(Path.Combine(Folder, "node_modules")) ? null : $"tests/clients/{name}/node_modules (run npm ci there)",
            !chromium || File.Exists(ChromiumPath) ? null : $"{ChromiumPath} (apt-get install chromium)",
        }.OfType<string>().ToList();
        if (missing.Count > 0)
        {
            RequiredService.Missing($"The real-client check in tests/clients/{name} needs {string.Join(" and ", missing)}.");
        }
    }

    /// <summary>Runs <paramref name="file"/> <paramref name="arguments"/> in the folder; what it printed goes to the test's output.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(string file, string arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(await stdout);
        return (process.ExitCode, $"{await stdout}\n{await stderr}");
    }
}
