using System.Text.Json;
using UpgradeBot.Testing;

namespace UpgradeBot.Tests;

public class VerbTests
{
    private static string SharedDevSet => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/qa/dev-set.json"));

    [Fact]
    public async Task Ask_prints_one_json_object_with_topic_verdict_and_upgrade()
    {
        using var temp = new TempDirectory();
        var config = temp.File("upgrades.json");
        await File.WriteAllTextAsync(config, """
            { "Upgrades": [ { "Id": "spring", "Title": "Spring upgrade", "StatusUrl": "https://status.example.com/spring",
                              "Phases": [ { "Name": "Phase 1", "Start": "2027-03-26T22:00:00Z", "End": "2027-03-27T06:00:00Z" } ] } ] }
            """);

        var result = await BotProcess.RunAsync("ask", "is the dashbaord usage graph wrong because of the upgrade?", "--at", "2027-03-27T02:00:00Z", "--deployment", "public", "--config", config);

        Assert.Equal(0, result.ExitCode);
        var json = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("usage-destination-graphs", json.GetProperty("topic").GetString());
        Assert.Equal("expected-during-upgrade", json.GetProperty("verdict").GetString());
        Assert.False(json.GetProperty("escalationOffered").GetBoolean());
        Assert.Equal("spring", json.GetProperty("upgrade").GetProperty("id").GetString());
        Assert.Equal("in-progress", json.GetProperty("upgrade").GetProperty("status").GetString());
        Assert.Equal("2027-03-29T23:00:00Z", json.GetProperty("graceDeadline").GetString());
        Assert.Contains("Devices", json.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_out_of_scope_answers_none_with_no_upgrade()
    {
        var result = await BotProcess.RunAsync("ask", "how much does a license cost?", "--at", "2027-03-27T02:00:00Z");

        var json = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("none", json.GetProperty("topic").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("upgrade").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("graceDeadline").ValueKind);
    }

    [Fact]
    public async Task Config_file_list_replaces_the_shipped_list_and_switches_still_override()
    {
        using var temp = new TempDirectory();
        var config = temp.File("c.json");
        await File.WriteAllTextAsync(config, """{ "Calendar": { "TimeZone": "America/New_York", "Holidays": [] } }""");

        var result = await BotProcess.RunAsync("ask", "dashboard graph wrong", "--at", "2027-03-27T02:00:00Z", "--config", config, "--Calendar:TimeZone", "Mars/Olympus");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Calendar:TimeZone 'Mars/Olympus'", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Upgrades:0:Phases:0:End", "2027-03-26T21:00:00Z")]
    [InlineData("Upgrades:0:Phases:0:Start", "2027-03-26 22:00")]
    public async Task Bad_upgrade_settings_stop_the_service_with_a_message_naming_the_key(string key, string value)
    {
        string[] upgrade =
        [
            "--Upgrades:0:Id", "u1", "--Upgrades:0:Title", "Upgrade",
            "--Upgrades:0:Phases:0:Start", "2027-03-26T22:00:00Z", "--Upgrades:0:Phases:0:End", "2027-03-27T06:00:00Z",
        ];
        var index = Array.IndexOf(upgrade, "--" + key);
        upgrade[index + 1] = value;

        var result = await BotProcess.RunAsync(["--urls", "http://127.0.0.1:0", .. upgrade]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(key, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Calendar:HolidayCountry", "XX")]
    [InlineData("Calendar:HolidayRegion", "NSW")]
    [InlineData("Calendar:Feed:PublicUrl", "ftp://upgradebot.example.com/upgrades.ics")]
    [InlineData("UpgradeFeed:Url", "status page")]
    [InlineData("UpgradeFeed:PollInterval", "00:00:00")]
    [InlineData("UpgradeFeed:NamePattern", "(upgrade")]
    public async Task Bad_calendar_and_feed_settings_stop_the_service_naming_the_key(string key, string value)
    {
        var result = await BotProcess.RunAsync("--urls", "http://127.0.0.1:0", $"--{key}", value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(key, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_counts_the_holidays_of_the_configured_country()
    {
        using var temp = new TempDirectory();
        var set = temp.File("thanksgiving.json");
        // Ends the Wednesday before Thanksgiving: Thursday is no business day, so Friday noon is still settling.
        await File.WriteAllTextAsync(set, """
            { "calendar": { "timeZone": "America/New_York", "holidayCountry": "US" },
              "upgrades": [ { "id": "fall", "title": "Fall upgrade",
                              "phases": [ { "name": "Phase 1", "start": "2026-11-24T22:00:00-05:00", "end": "2026-11-25T06:00:00-05:00" } ] } ],
              "cases": [ { "question": "the dashboard usage graph is wrong", "at": "2026-11-27T12:00:00-05:00", "deployment": "public",
                           "expect": { "topic": "usage-destination-graphs", "verdict": "settling-after-upgrade", "escalationOffered": false } } ] }
            """);

        var withCountry = await BotProcess.RunAsync("eval", set);
        var withoutCountry = await BotProcess.RunAsync("eval", set, "--Calendar:HolidayCountry", "");

        Assert.True(withCountry.ExitCode == 0, withCountry.Stdout + withCountry.Stderr);
        Assert.Equal(1, withoutCountry.ExitCode);
        Assert.Contains("got:      topic=usage-destination-graphs verdict=persisting-escalate", withoutCountry.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_passes_every_case_of_the_shared_dev_set()
    {
        if (!File.Exists(SharedDevSet))
        {
            RequiredService.Missing($"The shared dev set is not beside this checkout ({SharedDevSet}).");
        }

        var result = await BotProcess.RunAsync("eval", SharedDevSet);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Matches(@"^\d+ passed, 0 failed$", result.Stdout.Trim().Split('\n')[^1]);
    }

    [Theory]
    [InlineData("tune-new-york.json")]
    [InlineData("tune-sydney.json")]
    [InlineData("tune-utc-sun-thu.json")]
    [InlineData("decline-london.json")]
    [InlineData("decline-toronto.json")]
    [InlineData("decline-tokyo.json")]
    [InlineData("decline-riyadh.json")]
    [InlineData("decline-auckland.json")]
    public async Task Eval_passes_every_case_of_our_own_labeled_sets(string file)
    {
        var result = await BotProcess.RunAsync("eval", Path.Combine(AppContext.BaseDirectory, "QaSets", file));

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Matches(@"^\d+ passed, 0 failed$", result.Stdout.Trim().Split('\n')[^1]);
    }

    [Fact]
    public async Task Ask_declines_a_how_to_question_saying_what_it_knows_and_where_support_is()
    {
        var result = await BotProcess.RunAsync("ask", "how do I export the destination graph as a CSV?", "--at", "2027-03-27T02:00:00Z");

        var json = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("none", json.GetProperty("topic").GetString());
        Assert.False(json.GetProperty("escalationOffered").GetBoolean());
        var text = json.GetProperty("text").GetString();
        Assert.Contains("Usage and Destination graphs on the Dashboard", text, StringComparison.Ordinal);
        Assert.Contains("support contacts", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_prints_a_confusion_table_of_expected_and_answered_topics_before_the_totals()
    {
        using var temp = new TempDirectory();
        var set = temp.File("mixed.json");
        await File.WriteAllTextAsync(set, """
            { "calendar": { "timeZone": "Europe/London" }, "upgrades": [],
              "cases": [
                { "question": "dashboard usage graph wrong", "at": "2027-03-01T10:00:00Z",
                  "expect": { "topic": "usage-destination-graphs", "verdict": "not-upgrade-related", "escalationOffered": true } },
                { "question": "how do I export the usage graph to Excel?", "at": "2027-03-01T10:00:00Z",
                  "expect": { "topic": "usage-destination-graphs", "verdict": "not-upgrade-related", "escalationOffered": true } },
                { "question": "what's the weather", "at": "2027-03-01T10:00:00Z",
                  "expect": { "topic": "none", "verdict": "none", "escalationOffered": false } } ] }
            """);

        var result = await BotProcess.RunAsync("eval", set);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("escalationOffered=False (declined as how-to)", result.Stdout, StringComparison.Ordinal);
        var lines = result.Stdout.Trim().Split('\n').Select(l => l.TrimEnd()).ToList();
        var table = lines.FindIndex(l => l.StartsWith("confusion", StringComparison.Ordinal));
        Assert.True(table >= 0, result.Stdout);
        Assert.Matches(@"^\s+1\s+2\s+3\s+4\s+5\s+6\s+7\s+8$", lines[table + 1]);
        Assert.Matches(@"^ 1 usage-destination-graphs\s+1(\s+\.){6}\s+1$", lines[table + 2]);
        Assert.Matches(@"^ 8 none(\s+\.){7}\s+1$", lines[table + 9]);
        Assert.Equal("2 passed, 1 failed", lines[^1]);
    }

    [Fact]
    public async Task Eval_reports_mismatches_and_exits_1()
    {
        using var temp = new TempDirectory();
        var set = temp.File("wrong.json");
        await File.WriteAllTextAsync(set, """
            { "calendar": { "timeZone": "Europe/London" }, "upgrades": [],
              "cases": [ { "question": "dashboard usage graph wrong", "at": "2027-03-01T10:00:00Z", "deployment": "unknown",
                           "expect": { "topic": "licensing-graphs", "verdict": "not-upgrade-related", "escalationOffered": true } } ] }
            """);

        var result = await BotProcess.RunAsync("eval", set);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("expected: topic=licensing-graphs", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("got:      topic=usage-destination-graphs", result.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("0 passed, 1 failed", result.Stdout.Trim(), StringComparison.Ordinal);
    }
}
