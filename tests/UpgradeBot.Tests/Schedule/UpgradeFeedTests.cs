using System.Text.Json.Nodes;
using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Configuration;
using UpgradeBot.Core.Schedule;
using UpgradeBot.Testing;
using UpgradeBot.Tests.Announcements;

namespace UpgradeBot.Tests.Schedule;

/// <summary>The status page feed end to end: a real HTTP page on 127.0.0.1, the step, the store and the announcements on a fake clock.</summary>
public sealed class UpgradeFeedTests
{
    private const string Id = "p2kx8vq4mz1a";
    private const string WindowId = "statuspage:" + Id;
    private const string Name = "Public cloud upgrade (March)";

    private static readonly DateTimeOffset For = OutboxRig.T0.AddDays(3);
    private static readonly DateTimeOffset Until = For.AddHours(8);

    private static JsonObject Maintenance(string status = "scheduled", DateTimeOffset? scheduledFor = null, DateTimeOffset? scheduledUntil = null, DateTimeOffset? startedAt = null, DateTimeOffset? resolvedAt = null) =>
        StatusPageFixture.Maintenance(Id, Name, status, scheduledFor ?? For, scheduledUntil ?? Until, startedAt, resolvedAt);

    private static IEnumerable<AnnouncementKind> Kinds(FeedRig rig) => rig.Posts.Select(p => p.Announcement.Kind);

    [Fact]
    public async Task A_new_maintenance_becomes_a_feed_window_and_is_announced_as_scheduled()
    {
        await using var rig = await FeedRig.StartAsync();

        await rig.PublishAsync(Maintenance());

        var (window, source) = await rig.StoredAsync(WindowId);
        Assert.Equal(UpgradeSource.Feed, source);
        Assert.Equal((Name, For, Until, 1), (window.Title, window.Start, window.End, window.Revision));
        Assert.Equal(new Uri("https://stspg.io/p2kx8"), window.StatusUrl);
        var post = Assert.Single(rig.Posts);
        Assert.Equal(AnnouncementKind.Scheduled, post.Announcement.Kind);
        Assert.Equal($"Upgrade scheduled: {Name}", post.Announcement.Headline);
        Assert.Equal("Healthy", await rig.HealthAsync());
    }

    [Fact]
    public async Task Moved_times_are_a_reschedule_with_a_new_revision()
    {
        await using var rig = await FeedRig.StartAsync();
        await rig.PublishAsync(Maintenance());

        await rig.PublishAsync(Maintenance(scheduledFor: For.AddDays(2), scheduledUntil: Until.AddDays(2)));

        var (window, _) = await rig.StoredAsync(WindowId);
        Assert.Equal((For.AddDays(2), 2), (window.Start, window.Revision));
        Assert.Equal([AnnouncementKind.Scheduled, AnnouncementKind.Rescheduled], Kinds(rig));
    }

    [Fact]
    public async Task Started_early_is_announced_as_started_not_rescheduled()
    {
        await using var rig = await FeedRig.StartAsync();
        await rig.PublishAsync(Maintenance());
        var startedAt = For.AddMinutes(-40);
        rig.Outbox.Time.SetUtcNow(startedAt.AddSeconds(30));

        await rig.PublishAsync(Maintenance("in_progress", startedAt: startedAt));

        var (window, _) = await rig.StoredAsync(WindowId);
        Assert.Equal((startedAt, Until, 1), (window.Start, window.End, window.Revision));
        Assert.Equal([AnnouncementKind.Scheduled, AnnouncementKind.Started], Kinds(rig));
        Assert.False(rig.Posts[1].Announcement.Late);
        Assert.Equal(UpgradeStatus.InProgress, rig.Posts[1].Announcement.Upgrade.Status);
    }

    [Fact]
    public async Task Completed_early_is_announced_then_and_the_grace_deadline_counts_from_there()
    {
        await using var rig = await FeedRig.StartAsync();
        await rig.PublishAsync(Maintenance());
        rig.Outbox.Time.SetUtcNow(For);
        await rig.PollAsync();
        var resolvedAt = For.AddHours(2);
        rig.Outbox.Time.SetUtcNow(resolvedAt.AddSeconds(30));

        await rig.PublishAsync(Maintenance("completed", startedAt: For, resolvedAt: resolvedAt));

        var (window, _) = await rig.StoredAsync(WindowId);
        Assert.Equal((For, resolvedAt, 1), (window.Start, window.End, window.Revision));
        Assert.Equal([AnnouncementKind.Scheduled, AnnouncementKind.Started, AnnouncementKind.Completed], Kinds(rig));
        var completed = rig.Posts[2];
        Assert.Equal(rig.Posts[1].MessageId, completed.ThreadId);
        var calendar = new BusinessCalendar(TimeZoneInfo.Utc, BusinessCalendar.MondayToFriday, []);
        Assert.Equal(calendar.GraceDeadline(resolvedAt, 1), completed.Announcement.GraceDeadline);
    }

    [Fact]
    public async Task A_maintenance_removed_before_its_start_is_cancelled_and_one_removed_after_it_stays()
    {
        await using var rig = await FeedRig.StartAsync();
        var running = StatusPageFixture.Maintenance("w1zdr745wmfy", "Running upgrade", "in_progress", OutboxRig.T0.AddMinutes(-5), OutboxRig.T0.AddHours(2), OutboxRig.T0.AddMinutes(-5));
        await rig.PublishAsync(Maintenance(), running);

        await rig.PublishAsync();

        var (removed, _) = await rig.StoredAsync(WindowId);
        var (started, _) = await rig.StoredAsync("statuspage:w1zdr745wmfy");
        Assert.True(removed.Cancelled);
        Assert.False(started.Cancelled);
        Assert.Equal(AnnouncementKind.Cancelled, rig.Posts.Last(p => p.Announcement.Upgrade.Id == WindowId).Announcement.Kind);
    }

    [Fact]
    public async Task A_cancelled_maintenance_that_comes_back_is_rescheduled()
    {
        await using var rig = await FeedRig.StartAsync();
        await rig.PublishAsync(Maintenance());
        await rig.PublishAsync();

        await rig.PublishAsync(Maintenance());

        var (window, _) = await rig.StoredAsync(WindowId);
        Assert.Equal((false, 2), (window.Cancelled, window.Revision));
        Assert.Equal([AnnouncementKind.Scheduled, AnnouncementKind.Cancelled, AnnouncementKind.Rescheduled], Kinds(rig));
    }

    [Theory]
    [InlineData("500")]
    [InlineData("garbage")]
    [InlineData("no-list")]
    public async Task A_failing_feed_changes_nothing_degrades_health_counts_and_warns_once(string fault)
    {
        await using var rig = await FeedRig.StartAsync();
        await rig.PublishAsync(Maintenance());
        var before = await rig.StoredAsync(WindowId);

        switch (fault)
        {
            case "500":
                rig.Page.Fail(500, "<html>Internal Server Error</html>");
                break;
            case "garbage":
                rig.Page.Serve("<!DOCTYPE html><html><body>We'll be right back</body></html>", OutboxRig.T0.AddMinutes(1));
                break;
            default:
                rig.Page.Serve("""{"page":{"id":"kctbh9vrtdwd"},"incidents":[]}""", OutboxRig.T0.AddMinutes(1));
                break;
        }

        await rig.PollAsync();
        await rig.PollAsync();
        await rig.PollAsync();

        Assert.Equal(before, await rig.StoredAsync(WindowId));
        Assert.Equal([AnnouncementKind.Scheduled], Kinds(rig));
        Assert.Equal("Degraded", await rig.HealthAsync());
        Assert.Equal(3, rig.Failures.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Single(rig.Warnings, w => w.StartsWith("The status page feed", StringComparison.Ordinal));

        await rig.PublishAsync(Maintenance(scheduledFor: For.AddHours(1)));
        Assert.Equal("Healthy", await rig.HealthAsync());
        Assert.Equal(For.AddHours(1), (await rig.StoredAsync(WindowId)).Window.Start);
    }

    [Fact]
    public async Task A_feed_that_does_not_answer_times_out_on_the_clock_and_changes_nothing()
    {
        await using var rig = await FeedRig.StartAsync();
        await rig.PublishAsync(Maintenance());
        rig.Page.Hang();

        var poll = rig.Step.RunOnceAsync(TestContext.Current.CancellationToken);
        await Eventually.True(() => rig.Page.Hanging == 1, what: "the page holding the poll");
        rig.Outbox.Time.Advance(FeedRig.Timeout);
        await poll.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal("Degraded", await rig.HealthAsync());
        Assert.False((await rig.StoredAsync(WindowId)).Window.Cancelled);
        var failure = Assert.Single(rig.Failures.GetMeasurementSnapshot());
        Assert.Equal("timeout", failure.Tags["reason"]);
        Assert.Contains(rig.Warnings, w => w.Contains("did not answer within 00:00:30", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Not_modified_is_honoured_and_a_changed_document_is_read_again()
    {
        await using var rig = await FeedRig.StartAsync();
        await rig.PublishAsync(Maintenance());

        await rig.PollAsync();
        await rig.PollAsync();
        await rig.PublishAsync(Maintenance(scheduledFor: For.AddHours(1)));

        var requests = rig.Page.Requests.ToArray();
        Assert.Equal([200, 304, 304, 200], requests.Select(r => r.Status));
        Assert.Equal(string.Empty, requests[0].IfNoneMatch);
        Assert.StartsWith("W/\"", requests[1].IfNoneMatch, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(requests[1].IfModifiedSince));
        Assert.Equal(For.AddHours(1), (await rig.StoredAsync(WindowId)).Window.Start);
        Assert.Equal("Healthy", await rig.HealthAsync());
    }

    [Fact]
    public async Task A_maintenance_with_impossible_times_is_skipped_warned_about_once_and_never_cancelled()
    {
        await using var rig = await FeedRig.StartAsync();
        await rig.PublishAsync(Maintenance());
        var broken = Maintenance(scheduledFor: For.AddDays(1));
        broken["scheduled_until"] = StatusPageFixture.Time(For);
        var other = StatusPageFixture.Maintenance("w1zdr745wmfy", "Public cloud upgrade (April)", "scheduled", For.AddDays(30), For.AddDays(30).AddHours(6));

        await rig.PublishAsync(broken, other);
        other["name"] = "Public cloud upgrade (April, renamed)";
        await rig.PublishAsync(broken, other);

        var (kept, _) = await rig.StoredAsync(WindowId);
        Assert.Equal((For, false, 1), (kept.Start, kept.Cancelled, kept.Revision));
        Assert.False((await rig.StoredAsync("statuspage:w1zdr745wmfy")).Window.Cancelled);
        Assert.Single(rig.Warnings, w => w.Contains($"maintenance {Id}: scheduled_until", StringComparison.Ordinal));
        Assert.Equal("Healthy", await rig.HealthAsync());
    }

    [Fact]
    public async Task An_admin_edit_takes_the_window_over_from_the_feed()
    {
        await using var rig = await FeedRig.StartAsync();
        await rig.PublishAsync(Maintenance());
        var edit = await rig.Editor.UpdateAsync(WindowId, new UpgradeOptions
        {
            Title = "Taken over",
            Phases = [new PhaseOptions { Name = "Europe", Start = "2027-03-10T22:00:00Z", End = "2027-03-11T06:00:00Z" }],
        });
        Assert.Equal(ScheduleEditOutcome.Updated, edit.Outcome);

        await rig.PublishAsync(Maintenance(scheduledFor: For.AddHours(3)));
        await rig.PublishAsync();

        var (window, source) = await rig.StoredAsync(WindowId);
        Assert.Equal(UpgradeSource.Admin, source);
        Assert.Equal(("Taken over", false), (window.Title, window.Cancelled));
        Assert.Single(rig.Warnings, w => w.Contains("taken over through the admin API", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Name_pattern_keeps_other_maintenances_out()
    {
        await using var rig = await FeedRig.StartAsync(o => o.NamePattern = "^public cloud upgrade");

        await rig.PublishAsync(Maintenance(), StatusPageFixture.Maintenance("w1zdr745wmfy", "Database failover test", "scheduled", For, Until));

        Assert.Equal([WindowId], (await rig.Outbox.Windows.ListAsync()).Select(w => w.Id));
    }
}
