using System.Text;
using System.Text.Json.Nodes;
using UpgradeBot.Core.Configuration;
using UpgradeBot.Core.Schedule;
using UpgradeBot.Core.Schedule.Feed;
using UpgradeBot.Testing;

namespace UpgradeBot.Core.Tests.Schedule;

public class StatusPageFeedTests
{
    private const string Id = "p2kx8vq4mz1a";
    private static readonly DateTimeOffset For = new(2027, 3, 26, 22, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Until = For.AddHours(8);

    private static JsonObject Planned(string status = "scheduled", DateTimeOffset? startedAt = null, DateTimeOffset? resolvedAt = null, string id = Id, string name = "Public cloud upgrade (March)") =>
        StatusPageFixture.Maintenance(id, name, status, For, Until, startedAt, resolvedAt);

    private static FeedReading Read(UpgradeFeedFilter filter, params JsonObject[] maintenances)
    {
        Assert.True(StatusPageFeed.TryRead(Encoding.UTF8.GetBytes(StatusPageFixture.Document(maintenances)), filter, out var reading, out var malformed), malformed);
        return reading;
    }

    private static FeedReading Read(params JsonObject[] maintenances) => Read(UpgradeFeedFilter.All, maintenances);

    [Fact]
    public void A_scheduled_maintenance_is_one_window_with_one_phase_named_after_the_feed()
    {
        var window = Assert.Single(Read(Planned()).Windows);

        Assert.Equal($"statuspage:{Id}", window.Window.Id);
        Assert.Equal("Public cloud upgrade (March)", window.Window.Title);
        Assert.Equal(new Uri("https://stspg.io/p2kx8"), window.Window.StatusUrl);
        var phase = Assert.Single(window.Window.Phases);
        Assert.Equal((For, Until), (phase.Start, phase.End));
        Assert.Equal(1, window.Window.Revision);
        Assert.False(window.StartedEarly || window.CompletedEarly);
    }

    [Fact]
    public void In_progress_before_scheduled_for_starts_at_started_at()
    {
        var early = For.AddMinutes(-40);

        var window = Assert.Single(Read(Planned("in_progress", startedAt: early)).Windows);

        Assert.Equal((early, Until), (window.Window.Start, window.Window.End));
        Assert.True(window.StartedEarly);
    }

    [Fact]
    public void A_late_start_keeps_the_planned_start()
    {
        var window = Assert.Single(Read(Planned("verifying", startedAt: For.AddMinutes(20))).Windows);

        Assert.Equal(For, window.Window.Start);
        Assert.False(window.StartedEarly);
    }

    [Fact]
    public void Completed_before_scheduled_until_ends_at_resolved_at()
    {
        var resolved = Until.AddHours(-3);

        var window = Assert.Single(Read(Planned("completed", startedAt: For, resolvedAt: resolved)).Windows);

        Assert.Equal((For, resolved), (window.Window.Start, window.Window.End));
        Assert.True(window.CompletedEarly);
        Assert.False(window.StartedEarly);
    }

    [Fact]
    public void Moving_a_planned_time_bumps_the_revision_and_an_early_start_or_end_does_not()
    {
        var current = Read(Planned()).Windows[0].Window with { Revision = 3 };
        var moved = Read(StatusPageFixture.Maintenance(Id, "Public cloud upgrade (March)", "scheduled", For.AddDays(7), Until.AddDays(7))).Windows[0];
        var startedEarly = Read(Planned("in_progress", startedAt: For.AddMinutes(-30))).Windows[0];
        var completedEarly = Read(Planned("completed", startedAt: For.AddMinutes(-30), resolvedAt: Until.AddHours(-2))).Windows[0];
        var renamed = Read(Planned(name: "Renamed")).Windows[0];

        Assert.Equal(4, UpgradeScheduleEditor.ReviseFromFeed(current, moved).Revision);
        Assert.Equal(3, UpgradeScheduleEditor.ReviseFromFeed(current, startedEarly).Revision);
        Assert.Equal(3, UpgradeScheduleEditor.ReviseFromFeed(UpgradeScheduleEditor.ReviseFromFeed(current, startedEarly), completedEarly).Revision);
        Assert.Equal(3, UpgradeScheduleEditor.ReviseFromFeed(current, renamed).Revision);
        Assert.Equal(4, UpgradeScheduleEditor.ReviseFromFeed(current with { Cancelled = true }, renamed).Revision);
        Assert.False(UpgradeScheduleEditor.ReviseFromFeed(current with { Cancelled = true }, renamed).Cancelled);
    }

    [Fact]
    public void Extending_scheduled_until_while_running_is_a_reschedule()
    {
        var running = Read(Planned("in_progress", startedAt: For.AddMinutes(-30))).Windows[0];
        var extended = Read(StatusPageFixture.Maintenance(Id, "Public cloud upgrade (March)", "in_progress", For, Until.AddHours(4), startedAt: For.AddMinutes(-30))).Windows[0];

        Assert.Equal(2, UpgradeScheduleEditor.ReviseFromFeed(running.Window, extended).Revision);
    }

    [Theory]
    [InlineData("scheduled_until", "2027-03-26T21:00:00.000Z", "scheduled_until (2027-03-26T21:00:00Z) is not after scheduled_for (2027-03-26T22:00:00Z)")]
    [InlineData("scheduled_for", "tomorrow", "scheduled_for 'tomorrow' is not an ISO 8601 instant with an offset")]
    [InlineData("scheduled_for", "2027-03-26T22:00:00", "scheduled_for '2027-03-26T22:00:00' is not an ISO 8601 instant with an offset")]
    [InlineData("scheduled_until", null, "scheduled_until is missing")]
    [InlineData("status", "postponed", "status 'postponed' is not one of scheduled, in_progress, verifying, completed")]
    [InlineData("name", "", "name is missing")]
    [InlineData("shortlink", "javascript:alert(1)", "shortlink 'javascript:alert(1)' is not an absolute http(s) URL of at most 2000 characters")]
    [InlineData("scheduled_until", "9999-12-31T23:00:00.000Z", "scheduled_until (9999-12-31T23:00:00.000Z) is outside the years 2000–2099 the bot accepts")]
    public void A_maintenance_with_a_bad_field_is_skipped_naming_its_id_and_the_others_still_apply(string field, string? value, string message)
    {
        var bad = Planned();
        bad[field] = value;

        var reading = Read(bad, Planned(id: "w1zdr745wmfy", name: "Other upgrade"));

        Assert.Equal("statuspage:w1zdr745wmfy", Assert.Single(reading.Windows).Window.Id);
        var problem = Assert.Single(reading.Problems);
        Assert.Equal($"statuspage:{Id}", problem.WindowId);
        Assert.Equal($"maintenance {Id}: {message}", problem.Message);
        Assert.True(reading.EveryEntryIdentified);
        Assert.Contains($"statuspage:{Id}", reading.MentionedIds);
    }

    [Fact]
    public void Resolved_before_started_is_impossible()
    {
        var reading = Read(Planned("completed", startedAt: For.AddHours(2), resolvedAt: For.AddHours(1)));

        Assert.Empty(reading.Windows);
        Assert.Contains("is before started_at", Assert.Single(reading.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Completed_before_it_ever_started_is_impossible()
    {
        var reading = Read(Planned("completed", resolvedAt: For.AddHours(-1)));

        Assert.Empty(reading.Windows);
        Assert.Contains("is not after its start", Assert.Single(reading.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_without_a_usable_id_makes_the_reading_incomplete()
    {
        var noId = Planned();
        noId.Remove("id");
        var spaced = Planned(id: "has spaces in it");

        var reading = Read(noId, spaced, Planned(id: "w1zdr745wmfy"));

        Assert.Single(reading.Windows);
        Assert.Equal(2, reading.Problems.Count);
        Assert.All(reading.Problems, p => Assert.Null(p.WindowId));
        Assert.False(reading.EveryEntryIdentified);
    }

    [Fact]
    public void An_id_listed_twice_is_trusted_in_neither_copy()
    {
        var reading = Read(Planned(), Planned(name: "Same id again"));

        Assert.Empty(reading.Windows);
        Assert.Equal($"statuspage:{Id}", Assert.Single(reading.Problems).WindowId);
    }

    [Fact]
    public void Name_pattern_and_components_choose_the_public_cloud_upgrades()
    {
        var errors = new List<string>();
        var filter = UpgradeFeedFilter.From(new UpgradeFeedOptions { NamePattern = "^public cloud upgrade", Components = ["Public cloud", "Hybrid cloud"] }, "UpgradeFeed", errors)!;
        var chosen = Planned(id: "aaaaaaaaaaaa");
        var otherName = Planned(id: "bbbbbbbbbbbb", name: "Database maintenance");
        var otherComponent = StatusPageFixture.Maintenance("cccccccccccc", "PUBLIC CLOUD UPGRADE (April)", "scheduled", For, Until, components: ["Website"]);
        var hybrid = StatusPageFixture.Maintenance("dddddddddddd", "Public cloud upgrade (May)", "scheduled", For, Until, components: ["Website", "hybrid cloud"]);

        var reading = Read(filter, chosen, otherName, otherComponent, hybrid);

        Assert.Empty(errors);
        Assert.Equal(["statuspage:aaaaaaaaaaaa", "statuspage:dddddddddddd"], reading.Windows.Select(w => w.Window.Id));
        Assert.Empty(reading.Problems);
    }

    [Fact]
    public void A_name_pattern_that_needs_backtracking_is_refused_naming_the_key()
    {
        var errors = new List<string>();

        Assert.Null(UpgradeFeedFilter.From(new UpgradeFeedOptions { NamePattern = "(upgrade)\\1" }, "UpgradeFeed", errors));
        Assert.StartsWith("UpgradeFeed:NamePattern '(upgrade)\\1'", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<html>Service Unavailable</html>", "the answer is not JSON")]
    [InlineData("""{"page":{"id":"x"}}""", "the answer has no scheduled_maintenances list")]
    [InlineData("""{"scheduled_maintenances":{}}""", "the answer has no scheduled_maintenances list")]
    [InlineData("[]", "the answer has no scheduled_maintenances list")]
    public void An_answer_that_is_not_the_format_is_malformed_as_a_whole(string body, string reason)
    {
        Assert.False(StatusPageFeed.TryRead(Encoding.UTF8.GetBytes(body), UpgradeFeedFilter.All, out _, out var malformed));
        Assert.StartsWith(reason, malformed, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_list_is_a_good_answer_that_mentions_nothing()
    {
        var reading = Read();

        Assert.Empty(reading.Windows);
        Assert.True(reading.EveryEntryIdentified);
    }
}
