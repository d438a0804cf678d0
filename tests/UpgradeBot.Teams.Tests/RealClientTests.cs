using System.Diagnostics;
using UpgradeBot.Teams.Tests.Support;
using UpgradeBot.Testing;

namespace UpgradeBot.Teams.Tests;

/// <summary>
/// Microsoft's own tooling over what the other tests produced: the manifest against the official
/// Teams schema, every card in the adaptivecards renderer in headless Chromium. It runs last (see
/// <see cref="RealClientsLast"/>) because checking the payloads the code really produced is the point.
/// Without node_modules or Chromium it is skipped, unless UPGRADEBOT_REQUIRE_SERVICES=1 (CI).
/// </summary>
[Collection(Name)]
public sealed class RealClientTests
{
    public const string Name = "zz real clients";

    private static readonly string[] ExpectedCards =
    [
        "answer-expected-during-upgrade", "answer-persisting-escalate", "answer-not-upgrade-related", "escalated",
        "escalation-over-limit", "escalation-refused", "welcome", "command-help", "command-status", "announcement", "champions-escalation",
        "welcome-settings", "settings-saved", "answer-ruled-out-by-settings", "settings-refused", "settings-invalid", "command-settings", "settings-read-only",
        "champions-open", "champions-acknowledged", "champions-resolved", "champions-refused", "escalation-progress", "escalation-progress-resolved",
        "escalated-refreshed",
    ];

    [Fact]
    public async Task Manifest_and_every_card_pass_the_official_tooling()
    {
        var clients = Path.Combine(CardOutput.RepositoryRoot(), "tests", "clients", "teams");
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        var missing = new[]
        {
            Directory.Exists(Path.Combine(clients, "node_modules")) ? null : "tests/clients/teams/node_modules (run npm ci there)",
            File.Exists(chromium) ? null : $"{chromium} (apt-get install chromium)",
        }.OfType<string>().ToList();
        if (missing.Count > 0)
        {
            var reason = $"Real-client checks need {string.Join(" and ", missing)}.";
            RequiredService.Missing(reason);
        }

        foreach (var card in ExpectedCards)
        {
            Assert.True(File.Exists(Path.Combine(CardOutput.Directory, card + ".json")), $"No {card} card was produced by this run.");
        }

        var start = new ProcessStartInfo("npm", "run --silent check") { WorkingDirectory = clients, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine(await stdout);
        Assert.True(process.ExitCode == 0, $"{await stdout}\n{await stderr}");
    }
}

/// <summary>Runs the real-client collection after the ones that write the payloads it checks.</summary>
public sealed class RealClientsLast : Xunit.v3.ITestCollectionOrderer
{
    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : Xunit.Sdk.ITestCollection =>
        [.. testCollections.OrderBy(c => c.TestCollectionDisplayName == RealClientTests.Name ? 1 : 0)];
}
