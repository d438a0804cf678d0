namespace UpgradeBot.Testing;

/// <summary>
/// For tests that need something outside the repository (a browser, node_modules, PostgreSQL, the
/// shared labeled sets): skipped with the reason on a newcomer's machine, failed in CI, where
/// <c>UPGRADEBOT_REQUIRE_SERVICES=1</c> says everything must be there.
/// </summary>
public static class RequiredService
{
    public static bool Required => Environment.GetEnvironmentVariable("UPGRADEBOT_REQUIRE_SERVICES") == "1";

    /// <summary>Ends the test: a failure in CI, a skip elsewhere.</summary>
    public static void Missing(string reason)
    {
        if (Required)
        {
            Assert.Fail($"{reason} (required: UPGRADEBOT_REQUIRE_SERVICES=1)");
        }

        Assert.Skip(reason);
    }
}
