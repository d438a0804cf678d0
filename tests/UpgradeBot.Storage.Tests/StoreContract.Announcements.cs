using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Subscriptions;

namespace UpgradeBot.Storage.Tests;

public abstract partial class StoreContract
{
    private static readonly ConversationKey Channel = new("slack", "T1", "C1");

    private static PlannedAnnouncement Planned(AnnouncementKind kind, string window = "2025-04", int revision = 1, ConversationKey? to = null) =>
        new(new AnnouncementKey(window, kind, 0, revision, to ?? Channel), T0, Late: false);

    [Fact]
    public async Task An_announcement_is_stored_once_per_window_kind_revision_and_conversation()
    {
        var store = await NewStoreAsync();

        Assert.Equal(2, await store.Announcements.AddAsync([Planned(AnnouncementKind.Started), Planned(AnnouncementKind.Started, to: Channel with { ChannelId = "C2" })], T0, Ct));
        Assert.Equal(1, await store.Announcements.AddAsync([Planned(AnnouncementKind.Started), Planned(AnnouncementKind.Started, revision: 2)], T0, Ct));

        var rows = await store.Announcements.ListForWindowsAsync(["2025-04"], Ct);
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(AnnouncementState.Pending, r.State));
        Assert.True(await store.Announcements.AnyForWindowAsync("2025-04", Ct));
        Assert.False(await store.Announcements.AnyForWindowAsync("other", Ct));
    }

    [Fact]
    public async Task A_fan_out_planned_in_one_go_is_stored_once_per_row_however_many_rows_and_however_often_it_is_planned()
    {
        var (first, second) = await TwoProcessesAsync();
        var planned = Enumerable.Range(0, 1_300).Select(i => Planned(AnnouncementKind.Started, to: Channel with { ChannelId = $"C{i}" })).ToArray();

        Assert.Equal(1_200, await first.Announcements.AddAsync(planned[..1_200], T0, Ct));
        Assert.Equal(100, await second.Announcements.AddAsync(planned, T0, Ct));

        var rows = await first.Announcements.ListForWindowsAsync(["2025-04"], Ct);
        Assert.Equal(1_300, rows.Select(r => r.Key).Distinct().Count());
        Assert.Equal(1_300, rows.Count);
    }

    [Fact]
    public async Task Eight_claimers_in_two_processes_never_get_the_same_row()
    {
        var (first, second) = await TwoProcessesAsync();
        var planned = Enumerable.Range(0, 40).Select(i => Planned(AnnouncementKind.Started, to: Channel with { ChannelId = $"C{i}" })).ToArray();
        await first.Announcements.AddAsync(planned, T0, Ct);

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(
            () => (i % 2 == 0 ? first : second).Announcements.ClaimDueAsync(T0, TimeSpan.FromMinutes(2), 10, Ct), Ct)));

        var claimed = claims.SelectMany(c => c).Select(r => r.Key).ToList();
        Assert.Equal(40, claimed.Count);
        Assert.Equal(40, claimed.Distinct().Count());
    }

    [Fact]
    public async Task A_fan_out_planned_at_once_is_claimed_interleaved_across_workspaces_not_in_planning_order()
    {
        var store = await NewStoreAsync();
        var big = Enumerable.Range(0, 200).Select(i => Planned(AnnouncementKind.Started, to: new ConversationKey("slack", "T-big", $"C{i}")));
        var small = Enumerable.Range(0, 200).Select(i => Planned(AnnouncementKind.Started, to: new ConversationKey("teams", $"tenant-{i}", $"19:{i}")));
        await store.Announcements.AddAsync([.. big, .. small], T0, Ct);

        var first = await store.Announcements.ClaimDueAsync(T0, TimeSpan.FromMinutes(2), 40, Ct);

        // Drawn at random from both halves: all 40 from one half would happen about once in a trillion runs.
        Assert.Contains(first, r => r.Key.Conversation.Platform == "slack");
        Assert.Contains(first, r => r.Key.Conversation.Platform == "teams");
    }

    [Fact]
    public async Task A_claimed_row_is_due_again_when_its_lease_ends_unless_it_was_sent()
    {
        var store = await NewStoreAsync();
        await store.Announcements.AddAsync([Planned(AnnouncementKind.Started), Planned(AnnouncementKind.Completed)], T0, Ct);
        var claimed = await store.Announcements.ClaimDueAsync(T0, TimeSpan.FromMinutes(2), 10, Ct);
        await store.Announcements.MarkSentAsync(claimed.Single(r => r.Key.Kind == AnnouncementKind.Started).Key, "ts-1", T0, Ct);

        Assert.Empty(await store.Announcements.ClaimDueAsync(T0.AddMinutes(1), TimeSpan.FromMinutes(2), 10, Ct));
        var again = Assert.Single(await store.Announcements.ClaimDueAsync(T0.AddMinutes(2), TimeSpan.FromMinutes(2), 10, Ct));
        Assert.Equal(AnnouncementKind.Completed, again.Key.Kind);
    }

    [Fact]
    public async Task Sent_rows_keep_their_message_id_and_a_late_failure_report_cannot_undo_them()
    {
        var store = await NewStoreAsync();
        var key = Planned(AnnouncementKind.Started).Key;
        await store.Announcements.AddAsync([Planned(AnnouncementKind.Started)], T0, Ct);

        await store.Announcements.MarkSentAsync(key, "ts-1", T0, Ct);
        await store.Announcements.MarkRetryAsync(key, "late report", T0.AddMinutes(5), Ct);
        await store.Announcements.MarkFinalAsync(key, AnnouncementState.Failed, "late report", T0, Ct);

        var row = Assert.Single(await store.Announcements.ListForConversationAsync("2025-04", Channel, Ct));
        Assert.Equal(AnnouncementState.Sent, row.State);
        Assert.Equal("ts-1", row.MessageId);
        Assert.Equal(1, row.Attempts);
    }

    [Fact]
    public async Task A_retried_row_counts_the_attempt_and_waits_until_its_retry_time()
    {
        var store = await NewStoreAsync();
        var key = Planned(AnnouncementKind.Reminder).Key;
        await store.Announcements.AddAsync([Planned(AnnouncementKind.Reminder)], T0, Ct);

        await store.Announcements.MarkRetryAsync(key, "429", T0.AddSeconds(30), Ct);

        Assert.Empty(await store.Announcements.ClaimDueAsync(T0.AddSeconds(29), TimeSpan.FromMinutes(2), 10, Ct));
        var row = Assert.Single(await store.Announcements.ClaimDueAsync(T0.AddSeconds(30), TimeSpan.FromMinutes(2), 10, Ct));
        Assert.Equal(1, row.Attempts);
    }
}
