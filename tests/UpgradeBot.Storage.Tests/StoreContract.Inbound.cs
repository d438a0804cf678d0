using UpgradeBot.Core.Inbound;

namespace UpgradeBot.Storage.Tests;

public abstract partial class StoreContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private static Task<bool> EnqueueAsync(IInboundEventStore store, string eventId, string lane, int second, string payload = "{}") =>
        store.TryEnqueueAsync("slack", "T1", eventId, lane, payload, T0.AddSeconds(second), Ct);

    /// <summary>Enqueues each (id, lane, second after T0) in the order given.</summary>
    private static async Task EnqueueAllAsync(IInboundEventStore store, params (string Id, string Lane, int Second)[] events)
    {
        foreach (var (id, lane, second) in events)
        {
            Assert.True(await EnqueueAsync(store, id, lane, second));
        }
    }

    private static async Task<string[]> ClaimIdsAsync(IInboundEventStore store, DateTimeOffset now, int max = 10) =>
        [.. (await store.ClaimDueAsync("slack", now, Lease, max, Ct)).Select(e => e.EventId)];

    [Fact]
    public async Task Enqueueing_a_retried_event_stores_it_once()
    {
        var store = await NewStoreAsync();

        Assert.True(await EnqueueAsync(store.InboundEvents, "Ev1", "T1/C1", 0, "first"));
        Assert.False(await EnqueueAsync(store.InboundEvents, "Ev1", "T1/C1", 3, "retry"));

        var claimed = Assert.Single(await store.InboundEvents.ClaimDueAsync("slack", T0.AddSeconds(3), Lease, 10, Ct));
        Assert.Equal(new InboundEvent("slack", "Ev1", "T1/C1", "first", T0, 1, "T1"), claimed);
    }

    [Fact]
    public async Task An_event_stored_due_later_is_claimed_only_from_then_and_after_those_due_before_it()
    {
        var store = await NewStoreAsync();
        var paced = store.InboundEvents;

        Assert.True(await paced.TryEnqueueAsync("slack", "T1", "EvPaced", "T1/C1", "{}", T0, dueAt: T0.AddSeconds(30), Ct));
        Assert.True(await paced.TryEnqueueAsync("slack", "T2", "EvQuiet", "T2/C1", "{}", T0.AddSeconds(1), dueAt: null, Ct));

        Assert.Equal(["EvQuiet"], await ClaimIdsAsync(paced, T0.AddSeconds(29)));
        Assert.Equal(["EvPaced"], await ClaimIdsAsync(paced, T0.AddSeconds(30)));
    }

    [Fact]
    public async Task Events_of_one_customer_stored_at_successive_slots_come_due_one_by_one()
    {
        var store = await NewStoreAsync();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await store.InboundEvents.TryEnqueueAsync("slack", "T1", $"Ev{i}", $"T1/C{i}", "{}", T0, dueAt: T0.AddSeconds(10 + i), Ct));
        }

        Assert.Equal(["Ev0"], await ClaimIdsAsync(store.InboundEvents, T0.AddSeconds(10)));
        Assert.Equal(["Ev1", "Ev2"], await ClaimIdsAsync(store.InboundEvents, T0.AddSeconds(12)));
    }

    [Fact]
    public async Task Concurrent_enqueues_store_every_event_once_and_report_retries()
    {
        var store = await NewStoreAsync();

        // Many requests at once, as under load: distinct ids plus each one's retry arriving with it.
        var ids = Enumerable.Range(0, 200).Select(i => $"Ev{i}").ToList();
        var results = await Task.WhenAll(ids.Concat(ids).Select(id => Task.Run(
            async () => (id, stored: await store.InboundEvents.TryEnqueueAsync("slack", "T1", id, id, "{}", T0, Ct)), Ct)));

        Assert.All(results.GroupBy(r => r.id), copies => Assert.Single(copies, c => c.stored));
        Assert.Equal(ids.Count, (await store.InboundEvents.StatsAsync("slack", Ct)).Pending);
    }

    [Fact]
    public async Task The_same_event_id_on_another_platform_is_another_event()
    {
        var store = await NewStoreAsync();

        Assert.True(await store.InboundEvents.TryEnqueueAsync("slack", "T1", "Ev1", "L", "{}", T0, Ct));
        Assert.True(await store.InboundEvents.TryEnqueueAsync("teams", "T1", "Ev1", "L", "{}", T0, Ct));

        Assert.Equal("teams", Assert.Single(await store.InboundEvents.ClaimDueAsync("teams", T0, Lease, 10, Ct)).Platform);
        Assert.Equal(1, (await store.InboundEvents.StatsAsync("slack", Ct)).Pending);
    }

    [Fact]
    public async Task A_claim_takes_only_the_oldest_event_of_each_lane_and_lanes_oldest_first()
    {
        var store = await NewStoreAsync();
        await EnqueueAllAsync(store.InboundEvents, ("b2", "B", 4), ("a1", "A", 1), ("c1", "C", 5), ("a2", "A", 3), ("b1", "B", 2));

        Assert.Equal(["a1", "b1"], await ClaimIdsAsync(store.InboundEvents, T0.AddSeconds(5), max: 2));
        Assert.Equal(["c1"], await ClaimIdsAsync(store.InboundEvents, T0.AddSeconds(5)));
    }

    [Fact]
    public async Task A_lane_hands_out_its_next_event_only_once_the_one_before_is_processed()
    {
        var store = await NewStoreAsync();
        await EnqueueAllAsync(store.InboundEvents, ("a1", "A", 1), ("a2", "A", 2), ("a3", "A", 3));

        Assert.Equal(["a1"], await ClaimIdsAsync(store.InboundEvents, T0.AddSeconds(3)));
        Assert.Empty(await ClaimIdsAsync(store.InboundEvents, T0.AddSeconds(4)));
        await store.InboundEvents.MarkProcessedAsync("slack", "a1", T0.AddSeconds(4), Ct);

        Assert.Equal(["a2"], await ClaimIdsAsync(store.InboundEvents, T0.AddSeconds(4)));
        await store.InboundEvents.MarkProcessedAsync("slack", "a2", T0.AddSeconds(5), Ct);
        Assert.Equal(["a3"], await ClaimIdsAsync(store.InboundEvents, T0.AddSeconds(5)));
    }

    [Fact]
    public async Task Events_received_at_the_same_instant_keep_one_order()
    {
        var store = await NewStoreAsync();
        await EnqueueAllAsync(store.InboundEvents, ("Ev2", "A", 0), ("Ev1", "A", 0), ("Ev0", "B", 0));

        Assert.Equal(["Ev0", "Ev1"], await ClaimIdsAsync(store.InboundEvents, T0));
    }

    [Fact]
    public async Task A_claimed_event_is_hidden_for_its_lease_and_due_again_when_it_ends()
    {
        var store = await NewStoreAsync();
        await EnqueueAllAsync(store.InboundEvents, ("a1", "A", 0), ("a2", "A", 1));
        await store.InboundEvents.ClaimDueAsync("slack", T0.AddSeconds(1), Lease, 10, Ct);

        // Its lane waits too: the worker that died may have half-handled it.
        Assert.Empty(await ClaimIdsAsync(store.InboundEvents, T0.AddSeconds(1) + Lease - TimeSpan.FromMilliseconds(1)));

        var again = Assert.Single(await store.InboundEvents.ClaimDueAsync("slack", T0.AddSeconds(1) + Lease, Lease, 10, Ct));
        Assert.Equal(("a1", 2), (again.EventId, again.Attempts));
    }

    [Fact]
    public async Task A_released_event_is_due_at_the_given_time_and_keeps_its_attempt_unless_refunded()
    {
        var store = await NewStoreAsync();
        await EnqueueAllAsync(store.InboundEvents, ("a1", "A", 0), ("a2", "A", 1), ("b1", "B", 2));
        await store.InboundEvents.ClaimDueAsync("slack", T0.AddSeconds(2), Lease, 10, Ct);

        await store.InboundEvents.ReleaseAsync("slack", "a1", T0.AddSeconds(30), refundAttempt: false, Ct);
        await store.InboundEvents.ReleaseAsync("slack", "b1", T0.AddSeconds(10), refundAttempt: true, Ct);

        Assert.Empty(await ClaimIdsAsync(store.InboundEvents, T0.AddSeconds(9)));
        var b1 = Assert.Single(await store.InboundEvents.ClaimDueAsync("slack", T0.AddSeconds(29), Lease, 10, Ct));
        Assert.Equal(("b1", 1), (b1.EventId, b1.Attempts));
        var a1 = Assert.Single(await store.InboundEvents.ClaimDueAsync("slack", T0.AddSeconds(30), Lease, 10, Ct));
        Assert.Equal(("a1", 2), (a1.EventId, a1.Attempts));
    }

    [Fact]
    public async Task Releasing_a_processed_event_leaves_it_processed()
    {
        var store = await NewStoreAsync();
        await EnqueueAsync(store.InboundEvents, "a1", "A", 0);
        await store.InboundEvents.ClaimDueAsync("slack", T0, Lease, 10, Ct);
        await store.InboundEvents.MarkProcessedAsync("slack", "a1", T0, Ct);

        await store.InboundEvents.ReleaseAsync("slack", "a1", T0, refundAttempt: true, Ct);

        Assert.True(await store.InboundEvents.IsProcessedAsync("slack", "a1", Ct));
        Assert.Empty(await ClaimIdsAsync(store.InboundEvents, T0.AddDays(1)));
    }

    [Fact]
    public async Task Eight_claimers_in_two_processes_never_get_the_same_event_and_take_one_per_lane()
    {
        var (first, second) = await TwoProcessesAsync();
        for (var i = 0; i < 60; i++)
        {
            // 30 lanes of two events each.
            await EnqueueAsync(first.InboundEvents, $"Ev{i:D2}", $"L{i % 30}", i);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(
            () => (i % 2 == 0 ? first : second).InboundEvents.ClaimDueAsync("slack", T0.AddMinutes(1), Lease, 7, Ct), Ct)));

        var claimed = claims.SelectMany(c => c).ToList();
        Assert.Equal(30, claimed.Count);
        Assert.Equal(30, claimed.Select(e => e.EventId).Distinct().Count());
        Assert.Equal(30, claimed.Select(e => e.Lane).Distinct().Count());
        Assert.All(claimed, e => Assert.True(string.CompareOrdinal(e.EventId, "Ev30") < 0, $"{e.EventId} is not its lane's oldest"));
    }

    [Fact]
    public async Task Stats_count_unprocessed_events_and_give_the_oldest_receive_time()
    {
        var store = await NewStoreAsync();
        Assert.Equal(new InboundQueueStats(0, null), await store.InboundEvents.StatsAsync("slack", Ct));

        await EnqueueAllAsync(store.InboundEvents, ("a1", "A", 1), ("b1", "B", 2), ("b2", "B", 3));
        await store.InboundEvents.TryEnqueueAsync("teams", "T1", "t1", "T", "{}", T0, Ct);
        await store.InboundEvents.MarkProcessedAsync("slack", "a1", T0.AddSeconds(4), Ct);

        Assert.Equal(new InboundQueueStats(2, T0.AddSeconds(2)), await store.InboundEvents.StatsAsync("slack", Ct));
    }

    [Fact]
    public async Task An_event_counts_as_processed_only_once_marked()
    {
        var store = await NewStoreAsync();
        await EnqueueAsync(store.InboundEvents, "Ev1", "A", 0);

        Assert.False(await store.InboundEvents.IsProcessedAsync("slack", "Ev1", Ct));
        await store.InboundEvents.MarkProcessedAsync("slack", "Ev1", T0.AddSeconds(1), Ct);

        Assert.True(await store.InboundEvents.IsProcessedAsync("slack", "Ev1", Ct));
        Assert.False(await store.InboundEvents.IsProcessedAsync("slack", "unknown", Ct));
        Assert.False(await EnqueueAsync(store.InboundEvents, "Ev1", "A", 2));
    }

    [Fact]
    public async Task A_lane_put_back_by_a_rate_limit_waits_behind_newer_conversations()
    {
        var store = await NewStoreAsync();
        await store.InboundEvents.TryEnqueueAsync("slack", "T1", "Ev1", "busy", "{}", T0, Ct);
        await store.InboundEvents.ClaimDueAsync("slack", T0, TimeSpan.FromMinutes(1), 10, Ct);
        await store.InboundEvents.ReleaseAsync("slack", "Ev1", T0.AddSeconds(5), refundAttempt: true, Ct);
        await store.InboundEvents.TryEnqueueAsync("slack", "T1", "Ev2", "quiet", "{}", T0.AddSeconds(1), Ct);

        var claimed = await store.InboundEvents.ClaimDueAsync("slack", T0.AddSeconds(10), TimeSpan.FromMinutes(1), 1, Ct);

        Assert.Equal("Ev2", Assert.Single(claimed).EventId);
    }

    [Fact]
    public async Task A_lane_that_just_had_its_turn_goes_behind_lanes_that_waited()
    {
        var store = await NewStoreAsync();
        await store.InboundEvents.TryEnqueueAsync("slack", "T1", "A1", "busy", "{}", T0, Ct);
        await store.InboundEvents.TryEnqueueAsync("slack", "T1", "A2", "busy", "{}", T0.AddSeconds(1), Ct);
        await store.InboundEvents.TryEnqueueAsync("slack", "T1", "B1", "quiet", "{}", T0.AddSeconds(2), Ct);
        Assert.Equal("A1", Assert.Single(await store.InboundEvents.ClaimDueAsync("slack", T0.AddSeconds(3), TimeSpan.FromMinutes(1), 1, Ct)).EventId);

        await store.InboundEvents.MarkProcessedAsync("slack", "A1", T0.AddSeconds(4), Ct);

        var next = await store.InboundEvents.ClaimDueAsync("slack", T0.AddSeconds(5), TimeSpan.FromMinutes(1), 1, Ct);
        Assert.Equal("B1", Assert.Single(next).EventId);
    }
}
