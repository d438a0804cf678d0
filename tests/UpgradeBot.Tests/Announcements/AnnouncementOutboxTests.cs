using Microsoft.Extensions.Logging.Abstractions;
using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Configuration;
using UpgradeBot.Core.Messaging;
using UpgradeBot.Core.Schedule;
using UpgradeBot.Core.Subscriptions;
using UpgradeBot.Testing;

namespace UpgradeBot.Tests.Announcements;

public sealed class AnnouncementOutboxTests
{
    [Fact]
    public async Task Each_channel_gets_started_then_phase_and_completed_in_its_thread_and_the_started_post_is_updated()
    {
        await using var rig = await OutboxRig.StartAsync();
        await rig.SubscribeAsync("slack", "C1");
        await rig.SubscribeAsync("teams", "19:team");
        var window = await rig.AddWindowAsync(TimeSpan.FromMinutes(1));

        await rig.AtAsync(window.Start);
        await rig.AfterAsync(TimeSpan.FromSeconds(2));
        await rig.AtAsync(window.Phases[1].Start);
        await rig.AtAsync(window.End);
        await rig.AfterAsync(TimeSpan.FromSeconds(2));

        foreach (var (messenger, channel) in new[] { (rig.Slack, "C1"), (rig.Teams, "19:team") })
        {
            var posts = messenger.To(channel);
            Assert.Equal([AnnouncementKind.Started, AnnouncementKind.PhaseStarted, AnnouncementKind.Completed], posts.Select(p => p.Announcement.Kind));
            var started = posts[0];
            Assert.Null(started.ThreadId);
            Assert.All(posts.Skip(1), p => Assert.Equal(started.MessageId, p.ThreadId));
            Assert.Equal(2, messenger.Updates.Count(u => u.Channel == channel && u.MessageId == started.MessageId));
            Assert.Equal("Upgrade completed: Upgrade 2027-03", messenger.Updates.Last(u => u.Channel == channel).Announcement.Headline);
        }
    }

    [Fact]
    public async Task A_transient_failure_is_retried_no_sooner_than_the_platform_asked_while_other_channels_are_served()
    {
        await using var rig = await OutboxRig.StartAsync();
        await rig.SubscribeAsync("slack", "C-limited");
        await rig.SubscribeAsync("slack", "C-fine");
        var window = await rig.AddWindowAsync(TimeSpan.FromMinutes(1));
        rig.Slack.Answer("C-limited", SendResult.RetryLater("ratelimited", TimeSpan.FromSeconds(30)));

        await rig.AtAsync(window.Start);
        Assert.Single(rig.Slack.To("C-fine"));
        Assert.Empty(rig.Slack.To("C-limited"));

        await rig.AfterAsync(TimeSpan.FromSeconds(20));
        Assert.Empty(rig.Slack.To("C-limited"));

        await rig.AfterAsync(TimeSpan.FromSeconds(11));
        Assert.Single(rig.Slack.To("C-limited"));
        Assert.Single(rig.Slack.To("C-fine"));
    }

    [Fact]
    public async Task Places_are_filled_again_as_posts_finish_so_a_slow_conversation_never_holds_up_the_others()
    {
        await using var rig = await OutboxRig.StartAsync(new AnnouncementOptions { MaxConcurrency = 2 });
        var window = await SlowFirstAsync(rig, others: 20);
        var slow = rig.Slack.Hold("C-slow");

        var run = rig.Dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);

        // Two places, one taken by the slow post: the other twenty go through the other, claimed as it frees.
        await Eventually.True(() => rig.Slack.Posts.Count == 20, what: "every other channel posted while C-slow is slow");
        Assert.False(run.IsCompleted);
        slow.SetResult();
        Assert.False(await run);
        Assert.Single(rig.Slack.To("C-slow"));
        Assert.All(await rig.Outbox.ListForWindowsAsync([window.Id]), r => Assert.Equal(AnnouncementState.Sent, r.State));
    }

    [Fact]
    public async Task A_post_held_back_by_the_rate_limit_is_claimed_again_when_it_comes_due_while_the_run_goes_on()
    {
        await using var rig = await OutboxRig.StartAsync(new AnnouncementOptions { MaxConcurrency = 2 });
        await SlowFirstAsync(rig, others: 0);
        await rig.SubscribeAsync("slack", "C-later");
        rig.Slack.Answer("C-later", SendResult.Throttled(TimeSpan.FromMilliseconds(200)));
        var slow = rig.Slack.Hold("C-slow");

        var run = rig.Dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);

        await ClockDriven.RunAsync(rig.Time, () => Eventually.Until(() => Task.FromResult(rig.Slack.To("C-later").Count), n => n == 1, what: "C-later posted once its slot came"));
        Assert.False(run.IsCompleted);
        slow.SetResult();
        Assert.False(await run);
        Assert.Single(rig.Slack.To("C-slow"));
    }

    [Fact]
    public async Task Transient_failures_give_up_after_the_configured_attempts()
    {
        await using var rig = await OutboxRig.StartAsync();
        await rig.SubscribeAsync("slack", "C1");
        var window = await rig.AddWindowAsync(TimeSpan.FromMinutes(1));
        rig.Slack.Answer("C1", [.. Enumerable.Repeat(SendResult.RetryLater("503"), 10)]);

        await rig.AtAsync(window.Start);
        for (var i = 0; i < 10; i++)
        {
            await rig.AfterAsync(TimeSpan.FromSeconds(30));
        }

        var row = Assert.Single(await rig.Outbox.ListForWindowsAsync([window.Id]));
        Assert.Equal(AnnouncementState.Failed, row.State);
        Assert.Equal(rig.Options.Delivery.MaxAttempts, row.Attempts);
        Assert.Empty(rig.Slack.Posts);
    }

    [Fact]
    public async Task A_permanent_refusal_deactivates_that_subscription_and_stops_sending_there_only()
    {
        await using var rig = await OutboxRig.StartAsync();
        await rig.SubscribeAsync("teams", "19:gone");
        await rig.SubscribeAsync("teams", "19:here");
        var window = await rig.AddWindowAsync(TimeSpan.FromMinutes(1));
        rig.Teams.Answer("19:gone", SendResult.Gone("403 MessageWritesBlocked"));

        await rig.AtAsync(window.Start);
        await rig.AtAsync(window.Phases[1].Start);
        await rig.AtAsync(window.End);

        Assert.Empty(rig.Teams.To("19:gone"));
        Assert.Equal(3, rig.Teams.To("19:here").Count);
        Assert.False((await rig.Subscriptions.GetAsync(new ConversationKey("teams", "T1", "19:gone")))!.Active);
    }

    [Fact]
    public async Task A_restarted_dispatcher_sends_nothing_again_that_was_already_sent()
    {
        await using var rig = await OutboxRig.StartAsync();
        await rig.SubscribeAsync("slack", "C1");
        await rig.SubscribeAsync("teams", "19:team");
        var window = await rig.AddWindowAsync(TimeSpan.FromMinutes(1));
        await rig.AtAsync(window.Start);

        rig.Restart();
        await rig.AfterAsync(TimeSpan.FromSeconds(2));
        await rig.AfterAsync(TimeSpan.FromMinutes(5));

        Assert.Single(rig.Slack.Posts);
        Assert.Single(rig.Teams.Posts);
    }

    [Fact]
    public async Task Rows_claimed_by_a_process_that_died_are_sent_once_its_lease_ends()
    {
        await using var rig = await OutboxRig.StartAsync();
        await rig.SubscribeAsync("slack", "C1");
        var window = await rig.AddWindowAsync(TimeSpan.FromMinutes(1));
        rig.Time.SetUtcNow(window.Start);
        await rig.Outbox.AddAsync(
            [new PlannedAnnouncement(new AnnouncementKey(window.Id, AnnouncementKind.Started, 0, 1, new ConversationKey("slack", "T1", "C1")), window.Start, false)],
            window.Start);
        Assert.Single(await rig.Outbox.ClaimDueAsync(window.Start, rig.Options.ClaimLease, 10));

        await rig.AfterAsync(TimeSpan.FromSeconds(30));
        Assert.Empty(rig.Slack.Posts);

        await rig.AfterAsync(rig.Options.ClaimLease);
        Assert.Single(rig.Slack.Posts);
    }

    [Fact]
    public async Task A_pending_row_of_an_older_revision_is_dropped_and_the_new_revision_announced()
    {
        await using var rig = await OutboxRig.StartAsync();
        await rig.SubscribeAsync("slack", "C1");
        var window = await rig.AddWindowAsync(TimeSpan.FromMinutes(1));
        rig.Slack.Answer("C1", SendResult.RetryLater("503"));
        await rig.AtAsync(window.Start);

        var moved = new Core.Schedule.UpgradeWindow(window.Id, window.Title, [.. window.Phases.Select(p => p with { End = p.End.AddMinutes(30) })], revision: 2);
        await rig.Windows.UpsertAsync(moved, Core.Schedule.UpgradeSource.Admin, rig.Time.GetUtcNow());
        await rig.AfterAsync(TimeSpan.FromSeconds(30));
        await rig.AfterAsync(TimeSpan.FromSeconds(2));

        var post = Assert.Single(rig.Slack.Posts);
        Assert.Equal(AnnouncementKind.Started, post.Announcement.Kind);
        var rows = await rig.Outbox.ListForWindowsAsync([window.Id]);
        Assert.Contains(rows, r => r.Key.Revision == 1 && r.State == AnnouncementState.Dropped);
        Assert.Contains(rows, r => r.Key.Revision == 2 && r.State == AnnouncementState.Sent);
    }

    [Fact]
    public async Task An_announced_upgrade_removed_from_configuration_is_cancelled_and_its_channels_told()
    {
        await using var rig = await OutboxRig.StartAsync();
        // The rig's own start-up reconcile (of an empty Upgrades list) runs on the first tick.
        await rig.AfterAsync(TimeSpan.FromSeconds(1));
        var editor = new UpgradeScheduleEditor(rig.Windows, rig.Outbox, rig.Time, NullLogger<UpgradeScheduleEditor>.Instance);
        var start = rig.Time.GetUtcNow().AddDays(3);
        var window = new UpgradeWindow("cfg", "Configured upgrade", [new UpgradePhase("Europe", start, start.AddHours(2))]);
        await rig.SubscribeAsync("slack", "C1");
        await editor.ReconcileAsync([window]);
        await rig.AfterAsync(TimeSpan.FromSeconds(2));
        Assert.Equal([AnnouncementKind.Scheduled], rig.Slack.To("C1").Select(p => p.Announcement.Kind));

        await editor.ReconcileAsync([]);
        await rig.AfterAsync(TimeSpan.FromSeconds(2));

        Assert.True((await rig.Windows.GetAsync("cfg"))!.Cancelled);
        Assert.Equal([AnnouncementKind.Scheduled, AnnouncementKind.Cancelled], rig.Slack.To("C1").Select(p => p.Announcement.Kind));
    }

    [Fact]
    public async Task A_window_the_planner_cannot_handle_is_skipped_and_the_others_are_still_announced()
    {
        await using var rig = await OutboxRig.StartAsync();
        await rig.SubscribeAsync("slack", "C1");
        // Written straight to the store, as a row from before the admin API checked the years would be.
        var poisoned = new UpgradeWindow("typo", "Year one", [new UpgradePhase("P", DateTimeOffset.MinValue.AddDays(1), DateTimeOffset.MinValue.AddDays(2))]);
        await rig.Windows.UpsertAsync(poisoned, UpgradeSource.Admin, rig.Time.GetUtcNow());
        var window = await rig.AddWindowAsync(TimeSpan.FromMinutes(1));

        await rig.AtAsync(window.Start);

        Assert.Equal([AnnouncementKind.Started], rig.Slack.To("C1").Select(p => p.Announcement.Kind));
    }

    /// <summary>
    /// C-slow's <c>started</c> row is stored a second before the window starts and <paramref name="others"/>
    /// channels are subscribed, so the first claim at the start takes C-slow first; the clock is then at the start.
    /// </summary>
    private static async Task<UpgradeWindow> SlowFirstAsync(OutboxRig rig, int others)
    {
        await rig.SubscribeAsync("slack", "C-slow");
        for (var i = 0; i < others; i++)
        {
            await rig.SubscribeAsync("slack", $"C{i}");
        }

        var window = await rig.AddWindowAsync(TimeSpan.FromMinutes(1));
        var early = window.Start.AddSeconds(-1);
        await rig.Outbox.AddAsync(
            [new PlannedAnnouncement(new AnnouncementKey(window.Id, AnnouncementKind.Started, 0, 1, new ConversationKey("slack", "T1", "C-slow")), early, false)],
            early);
        rig.Time.SetUtcNow(window.Start);
        return window;
    }
}
