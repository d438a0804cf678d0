using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Configuration;
using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Deployments;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Retention;
using UpgradeBot.Core.Schedule;
using UpgradeBot.Core.Subscriptions;

namespace UpgradeBot.Storage.Tests;

/// <summary>
/// Retention through the real prune step on a fake clock (default periods: event payloads 1 day,
/// event ids 7, announcements 90, escalations 730, removed customers 30; catch-up limit 1 day),
/// and a customer's data shown and erased as a whole.
/// </summary>
public abstract partial class StoreContract
{
    private static readonly CustomerKey AcmeTeam = new("slack", "T0ACME");
    private static readonly CustomerKey Beta = new("slack", "T0BETA");

    /// <summary>Runs <paramref name="sql"/> on the database as it is, outside the stores.</summary>
    protected abstract Task ExecuteSqlAsync(string database, string sql);

    /// <summary>The step the host runs, on <paramref name="time"/>, run until it reports nothing more.</summary>
    protected static async Task PruneAsync(StoreSet store, FakeTimeProvider time)
    {
        var step = new RetentionStep(
            store.Retention, store.CustomerData, new RetentionPolicy(new RetentionOptions(), new AnnouncementOptions()), time, NullLogger<RetentionStep>.Instance);
        while (await step.RunOnceAsync(Ct))
        {
        }
    }

    private static async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> RowsAsync(StoreSet store, CustomerKey customer, string table) =>
        (await store.CustomerData.ExportAsync(customer, Ct)).Tables.Single(t => t.Name == table).Rows;

    private static async Task HandleAsync(StoreSet store, string eventId, DateTimeOffset at)
    {
        var claimed = await store.InboundEvents.ClaimDueAsync("slack", at, TimeSpan.FromMinutes(1), 100, Ct);
        Assert.Contains(claimed, e => e.EventId == eventId);
        await store.InboundEvents.MarkProcessedAsync("slack", eventId, at, Ct);
    }

    /// <summary>
    /// A subscription, an event, an announcement, an escalation (acknowledged, with a ticket), an
    /// installation, and the customer's settings (changed once, with its installer) of <paramref name="customer"/>.
    /// </summary>
    private static async Task StoreEverythingAboutAsync(StoreSet store, CustomerKey customer, string suffix)
    {
        var channel = new ConversationKey(customer.Platform, customer.Id, "C" + suffix);
        await store.Subscriptions.SubscribeAsync(channel, $"{{\"teamId\":\"{customer.Id}\"}}", "#general", T0, Ct);
        await store.InboundEvents.TryEnqueueAsync(customer.Platform, customer.Id, "Ev" + suffix, $"{customer.Id}/C{suffix}", "{\"text\":\"hello " + suffix + "\"}", T0, Ct);
        await store.Announcements.AddAsync([new PlannedAnnouncement(new AnnouncementKey("2025-04", AnnouncementKind.Scheduled, 0, 1, channel), T0, false)], T0, Ct);
        var escalation = (await AdmitAsync(
            store.Escalations, new Core.Answers.Asker(customer.Platform, customer.Id, "U" + suffix, "Ada", "C" + suffix), Problem(), customer: new CustomerProfile("acct-" + suffix, null))).Escalation!;
        await store.Escalations.ChangeStateAsync(escalation.Reference, Change(EscalationState.Acknowledged), Destinations, Ct);
        await store.Escalations.RecordTicketAsync(escalation.Reference, "ticket-" + suffix, Destinations, T0, Ct);
        await store.SlackInstallations.SaveAsync(Workspace(customer.Id, token: $"xoxb-{suffix}-secret"), Ct);
        await store.Customers.SaveAsync(customer, SettingsChange(T0, "U" + suffix, DeploymentType.HybridCloud, account: "acct-" + suffix), Ct);
        await store.Customers.AddInstallerAsync(customer, "U" + suffix, T0, Ct);
    }

    [Fact]
    public async Task A_handled_events_payload_goes_after_its_period_and_its_id_after_the_second()
    {
        var store = await NewStoreAsync();
        var time = new FakeTimeProvider(T0);
        await store.InboundEvents.TryEnqueueAsync("slack", "T0ACME", "EvDone", "T0ACME/C1", "{\"text\":\"the usage graph is empty\"}", T0, Ct);
        await store.InboundEvents.TryEnqueueAsync("slack", "T0ACME", "EvWaiting", "T0ACME/C2", "{\"text\":\"still queued\"}", T0, Ct);
        await HandleAsync(store, "EvDone", T0);
        // EvWaiting is claimed and put back for later: handled it is not, however old it gets.
        await store.InboundEvents.ReleaseAsync("slack", "EvWaiting", T0.AddDays(30), refundAttempt: false, Ct);

        time.SetUtcNow(T0.AddDays(1).AddSeconds(-1));
        await PruneAsync(store, time);
        Assert.All(await RowsAsync(store, AcmeTeam, "inbound_events"), e => Assert.NotEqual("", e["payload"]));

        time.SetUtcNow(T0.AddDays(1).AddSeconds(1));
        await PruneAsync(store, time);
        var events = (await RowsAsync(store, AcmeTeam, "inbound_events")).ToDictionary(e => (string)e["event_id"]!);
        Assert.Equal("", events["EvDone"]["payload"]);
        Assert.Equal("{\"text\":\"still queued\"}", events["EvWaiting"]["payload"]);
        Assert.False(await store.InboundEvents.TryEnqueueAsync("slack", "T0ACME", "EvDone", "T0ACME/C1", "{}", time.GetUtcNow(), Ct));
        Assert.True(await store.InboundEvents.IsProcessedAsync("slack", "EvDone", Ct));

        time.SetUtcNow(T0.AddDays(7).AddSeconds(1));
        await PruneAsync(store, time);
        Assert.Equal(["EvWaiting"], (await RowsAsync(store, AcmeTeam, "inbound_events")).Select(e => (string)e["event_id"]!));
        Assert.Equal(1, (await store.InboundEvents.StatsAsync("slack", Ct)).Pending);
    }

    [Fact]
    public async Task A_finished_announcement_goes_after_its_period_unless_its_upgrade_is_still_announced()
    {
        var store = await NewStoreAsync();
        var time = new FakeTimeProvider(T0);
        var channel = new ConversationKey("slack", "T0ACME", "C1");
        await store.Windows.UpsertAsync(Window("ended", T0.AddDays(-2)), UpgradeSource.Admin, T0, Ct);
        await store.Windows.UpsertAsync(Window("far-ahead", T0.AddDays(120)), UpgradeSource.Admin, T0, Ct);
        AnnouncementKey Key(string window, AnnouncementKind kind) => new(window, kind, 0, 1, channel);
        await store.Announcements.AddAsync(
            [
                new PlannedAnnouncement(Key("ended", AnnouncementKind.Completed), T0, false),
                new PlannedAnnouncement(Key("ended", AnnouncementKind.Reminder), T0, false),
                new PlannedAnnouncement(Key("far-ahead", AnnouncementKind.Scheduled), T0, false),
                new PlannedAnnouncement(Key("deleted-since", AnnouncementKind.Cancelled), T0, false),
            ],
            T0,
            Ct);
        await store.Announcements.MarkSentAsync(Key("ended", AnnouncementKind.Completed), "ts-1", T0, Ct);
        await store.Announcements.MarkSentAsync(Key("far-ahead", AnnouncementKind.Scheduled), "ts-2", T0, Ct);
        await store.Announcements.MarkFinalAsync(Key("deleted-since", AnnouncementKind.Cancelled), AnnouncementState.Dropped, "window deleted", T0, Ct);

        time.SetUtcNow(T0.AddDays(90).AddSeconds(-1));
        await PruneAsync(store, time);
        Assert.Equal(4, (await RowsAsync(store, AcmeTeam, "announcements")).Count);

        time.SetUtcNow(T0.AddDays(90).AddSeconds(1));
        await PruneAsync(store, time);
        var left = await store.Announcements.ListForWindowsAsync(["ended", "far-ahead", "deleted-since"], Ct);
        Assert.Equal(
            new[] { (AnnouncementKind.Reminder, AnnouncementState.Pending), (AnnouncementKind.Scheduled, AnnouncementState.Sent) }.Order(),
            left.Select(r => (r.Key.Kind, r.State)).Order());
    }

    [Fact]
    public async Task An_open_escalation_is_kept_a_resolved_one_goes_its_period_after_resolution_and_a_given_up_one_after_its_last_attempt()
    {
        var store = await NewStoreAsync();
        var time = new FakeTimeProvider(T0);
        var open = await CreatedReferenceAsync(store.Escalations, User("u-open"), Problem());
        var delivered = await CreatedReferenceAsync(store.Escalations, User("u-delivered"), Problem());
        var resolved = await CreatedReferenceAsync(store.Escalations, User("u-resolved"), Problem());
        var failed = await CreatedReferenceAsync(store.Escalations, User("u-failed"), Problem());
        foreach (var reference in new[] { delivered, resolved })
        {
            foreach (var destination in Destinations)
            {
                await store.Escalations.RecordAttemptAsync(reference, destination, T0.AddHours(1), succeeded: true, null, null, null, Ct);
            }
        }

        await store.Escalations.ChangeStateAsync(resolved, Change(EscalationState.Acknowledged, minutes: 90), Destinations, Ct);
        // Resolved a day after it was delivered: its clock is its resolution.
        await store.Escalations.ChangeStateAsync(resolved, Change(EscalationState.Resolved, minutes: 24 * 60), Destinations, Ct);
        await store.Escalations.RecordAttemptAsync(failed, "webhook", T0.AddHours(1), succeeded: false, "410 Gone", null, null, Ct);
        // The other destination still tried (and failed) two days later: the escalation's clock is its last attempt.
        await store.Escalations.RecordAttemptAsync(failed, "teams", T0.AddDays(2), succeeded: false, "403", null, null, Ct);

        time.SetUtcNow(T0.AddDays(731).AddSeconds(-1));
        await PruneAsync(store, time);
        Assert.Equal(4, (await store.Escalations.ListAsync(null, null, 0, 10, Ct)).Total);

        time.SetUtcNow(T0.AddDays(731).AddHours(1));
        await PruneAsync(store, time);
        Assert.Null(await store.Escalations.GetAsync(resolved, Ct));
        Assert.Empty(await store.Escalations.ListAttemptsAsync(resolved, Ct));
        Assert.NotNull(await store.Escalations.GetAsync(failed, Ct));

        time.SetUtcNow(T0.AddDays(3650));
        await PruneAsync(store, time);
        Assert.Null(await store.Escalations.GetAsync(failed, Ct));
        Assert.Equal([open, delivered], (await store.Escalations.ListAsync(null, null, 0, 10, Ct)).Items.Select(e => e.Reference).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_uninstalled_workspace_is_erased_after_its_period_and_one_that_came_back_is_not()
    {
        var store = await NewStoreAsync();
        var time = new FakeTimeProvider(T0);
        var back = new CustomerKey("slack", "T0BACK");
        await StoreEverythingAboutAsync(store, AcmeTeam, "1");
        await StoreEverythingAboutAsync(store, Beta, "2");
        await StoreEverythingAboutAsync(store, back, "3");
        await store.CustomerData.MarkRemovedAsync(AcmeTeam, [], T0, Ct);
        await store.CustomerData.MarkRemovedAsync(back, [], T0, Ct);
        await store.CustomerData.ClearRemovedAsync(back, Ct);

        time.SetUtcNow(T0.AddDays(30).AddSeconds(-1));
        await PruneAsync(store, time);
        Assert.Equal([AcmeTeam], await store.CustomerData.ListRemovedAsync(time.GetUtcNow(), 10, Ct));
        Assert.NotEmpty(await RowsAsync(store, AcmeTeam, "subscriptions"));
        foreach (var table in new[] { "customers", "customer_changes", "customer_installers", "escalation_state_changes", "escalation_updates" })
        {
            Assert.NotEmpty(await RowsAsync(store, AcmeTeam, table));
        }

        time.SetUtcNow(T0.AddDays(30).AddSeconds(1));
        await PruneAsync(store, time);
        Assert.All((await store.CustomerData.ExportAsync(AcmeTeam, Ct)).Tables, t => Assert.Empty(t.Rows));
        Assert.Null(await store.SlackInstallations.FindAsync("team:T0ACME", Ct));
        Assert.Null(await store.Customers.GetAsync(AcmeTeam, Ct));
        Assert.Empty(await store.Customers.ListChangesAsync(AcmeTeam, Ct));
        Assert.False(await store.Customers.IsInstallerAsync(AcmeTeam, "U1", Ct));
        Assert.Empty(await store.CustomerData.ListRemovedAsync(time.GetUtcNow(), 10, Ct));
        foreach (var kept in new[] { Beta, back })
        {
            var tables = (await store.CustomerData.ExportAsync(kept, Ct)).Tables.ToDictionary(t => t.Name, t => t.Rows.Count);
            Assert.Equal(1, tables["subscriptions"]);
            Assert.Equal(1, tables["escalations"]);
            Assert.Equal(1, tables["escalation_state_changes"]);
            Assert.Equal(1, tables["slack_installations"]);
            Assert.Equal(1, tables["customers"]);
            Assert.Equal(1, tables["customer_changes"]);
            Assert.Equal(1, tables["customer_installers"]);
        }
    }

    [Fact]
    public async Task An_org_wide_removal_covers_its_workspaces_and_the_organization_coming_back_brings_them_back()
    {
        var store = await NewStoreAsync();
        var grid = new CustomerKey("slack", "E0GRID");

        await store.CustomerData.MarkRemovedAsync(grid, ["T0GRID1", "T0GRID2"], T0, Ct);
        // A workspace removed on its own earlier keeps its own, earlier time.
        await store.CustomerData.MarkRemovedAsync(new CustomerKey("slack", "T0ALONE"), [], T0.AddDays(-1), Ct);
        await store.CustomerData.MarkRemovedAsync(new CustomerKey("slack", "T0ALONE"), [], T0, Ct);

        Assert.Equal(
            ["T0ALONE", "E0GRID", "T0GRID1", "T0GRID2"],
            (await store.CustomerData.ListRemovedAsync(T0.AddSeconds(1), 10, Ct)).Select(c => c.Id));
        Assert.Equal(["T0ALONE"], (await store.CustomerData.ListRemovedAsync(T0, 10, Ct)).Select(c => c.Id));

        await store.CustomerData.ClearRemovedAsync(grid, Ct);
        Assert.Equal(["T0ALONE"], (await store.CustomerData.ListRemovedAsync(T0.AddSeconds(1), 10, Ct)).Select(c => c.Id));
    }

    [Fact]
    public async Task The_export_shows_every_row_about_the_customer_and_no_token()
    {
        var store = await NewStoreAsync();
        await StoreEverythingAboutAsync(store, AcmeTeam, "1");
        await StoreEverythingAboutAsync(store, Beta, "2");
        await store.CustomerData.MarkRemovedAsync(AcmeTeam, [], T0, Ct);

        var data = await store.CustomerData.ExportAsync(AcmeTeam, Ct);

        var tables = data.Tables.ToDictionary(t => t.Name);
        Assert.Equal(
            [
                "announcements", "customer_changes", "customer_installers", "customer_removals", "customers", "escalation_attempts", "escalation_deliveries",
                "escalation_state_changes", "escalation_updates", "escalations", "inbound_events", "slack_installations", "subscriptions",
            ],
            tables.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, tables["escalation_deliveries"].Rows.Count);
        Assert.Equal("{\"text\":\"hello 1\"}", Assert.Single(tables["inbound_events"].Rows)["payload"]);
        Assert.Equal(T0, Assert.Single(tables["subscriptions"].Rows)["subscribed_at"]);
        var installation = Assert.Single(tables["slack_installations"].Rows);
        Assert.Equal("team:T0ACME", installation["installation_id"]);
        Assert.Equal(["bot_token", "refresh_token"], tables["slack_installations"].Omitted);
        Assert.DoesNotContain("bot_token", installation.Keys);
        var json = JsonSerializer.Serialize(data);
        Assert.DoesNotContain("secret", json, StringComparison.Ordinal);
        Assert.DoesNotContain("T0BETA", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erasing_takes_at_most_a_batch_at_a_time_and_the_record_of_removal_last()
    {
        var store = await NewStoreAsync();
        await StoreEverythingAboutAsync(store, AcmeTeam, "1");
        await StoreEverythingAboutAsync(store, Beta, "2");
        await store.CustomerData.MarkRemovedAsync(AcmeTeam, [], T0, Ct);
        var before = (await store.CustomerData.ExportAsync(AcmeTeam, Ct)).Tables.Sum(t => t.Rows.Count);

        var batches = new List<IReadOnlyDictionary<string, int>>();
        do
        {
            batches.Add(await store.CustomerData.EraseBatchAsync(AcmeTeam, removedBefore: null, max: 2, Ct));
        }
        while (batches[^1].Values.Sum() == 2);

        Assert.All(batches, b => Assert.InRange(b.Values.Sum(), 0, 2));
        Assert.Equal(before, batches.Sum(b => b.Values.Sum()));
        var last = batches.FindLastIndex(b => b.Count > 0);
        Assert.Equal(last, batches.FindIndex(b => b.ContainsKey("customer_removals")));
        Assert.All((await store.CustomerData.ExportAsync(AcmeTeam, Ct)).Tables, t => Assert.Empty(t.Rows));
        Assert.Single(await RowsAsync(store, Beta, "subscriptions"));
    }

    [Fact]
    public async Task An_erasure_for_a_removal_stops_once_the_customer_came_back()
    {
        var store = await NewStoreAsync();
        await StoreEverythingAboutAsync(store, AcmeTeam, "1");
        await store.CustomerData.MarkRemovedAsync(AcmeTeam, [], T0, Ct);

        Assert.Empty(await store.CustomerData.EraseBatchAsync(AcmeTeam, removedBefore: T0, max: 100, Ct));
        Assert.NotEmpty(await store.CustomerData.EraseBatchAsync(AcmeTeam, removedBefore: T0.AddSeconds(1), max: 1, Ct));
        await store.CustomerData.ClearRemovedAsync(AcmeTeam, Ct);

        Assert.Empty(await store.CustomerData.EraseBatchAsync(AcmeTeam, removedBefore: T0.AddSeconds(1), max: 100, Ct));
        Assert.NotEmpty(await RowsAsync(store, AcmeTeam, "subscriptions"));
    }

    [Fact]
    public async Task Events_stored_before_they_named_their_customer_take_the_workspace_their_lane_starts_with()
    {
        var database = CreateDatabase();
        var store = Connect(database);
        await store.Lifecycle.MigrateAsync(Ct);
        // Back to the schema before step 12, with events stored then: in a channel, in a workspace, and with no workspace.
        await ExecuteSqlAsync(database, """
            DROP INDEX ix_inbound_events_tenant;
            DROP INDEX ix_inbound_events_payload_handled;
            DROP INDEX ix_inbound_events_handled;
            DROP INDEX ix_announcements_finished;
            DROP INDEX ix_announcements_tenant;
            DROP TABLE customer_removals;
            ALTER TABLE inbound_events DROP COLUMN tenant_id;
            DELETE FROM schema_migrations WHERE version = 12;
            INSERT INTO inbound_events (platform, event_id, lane, payload, received_at, attempts, next_attempt_at)
            VALUES ('slack', 'EvChannel', 'T0ACME/C1', '{}', 1, 0, 0), ('slack', 'EvTeam', 'T0ACME', '{}', 2, 0, 0), ('slack', 'EvAlone', 'EvAlone', '{}', 3, 0, 0);
            """);

        await store.Lifecycle.MigrateAsync(Ct);

        Assert.Equal(["EvChannel", "EvTeam"], (await RowsAsync(store, AcmeTeam, "inbound_events")).Select(e => (string)e["event_id"]!));
        Assert.Empty(await RowsAsync(store, new CustomerKey("slack", "EvAlone"), "inbound_events"));
    }

    [Fact]
    public async Task Two_processes_pruning_at_once_delete_each_row_once()
    {
        var (first, second) = await TwoProcessesAsync();
        const int Events = 1_200;
        for (var i = 0; i < Events; i++)
        {
            await first.InboundEvents.TryEnqueueAsync("slack", "T0ACME", $"Ev{i:D5}", $"L{i}", "{}", T0, Ct);
        }

        while ((await first.InboundEvents.ClaimDueAsync("slack", T0, TimeSpan.FromMinutes(1), 500, Ct)) is { Count: > 0 } claimed)
        {
            foreach (var item in claimed)
            {
                await first.InboundEvents.MarkProcessedAsync("slack", item.EventId, T0, Ct);
            }
        }

        var cutoffs = new RetentionPolicy(new RetentionOptions(), new AnnouncementOptions()).At(T0.AddDays(8));
        var deleted = await Task.WhenAll(new[] { first, second }.Select(store => Task.Run(
            async () =>
            {
                var total = 0;
                while ((await store.Retention.PruneAsync(cutoffs, 100, Ct)).EventIds is > 0 and var ids)
                {
                    total += ids;
                }

                return total;
            },
            Ct)));

        Assert.Equal(Events, deleted.Sum());
        Assert.Empty(await RowsAsync(first, AcmeTeam, "inbound_events"));
    }
}
