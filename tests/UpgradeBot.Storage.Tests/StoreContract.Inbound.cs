namespace UpgradeBot.Storage.Tests;

public abstract partial class StoreContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Enqueueing_a_retried_event_stores_it_once()
    {
        var store = await NewStoreAsync();

        Assert.True(await store.InboundEvents.TryEnqueueAsync("slack", "Ev1", "T1/C1", "first", T0, Ct));
        Assert.False(await store.InboundEvents.TryEnqueueAsync("slack", "Ev1", "T1/C1", "retry", T0.AddSeconds(3), Ct));

        var claimed = Assert.Single(await store.InboundEvents.ClaimDueAsync("slack", T0.AddSeconds(3), Lease, 10, Ct));
        Assert.Equal("first", claimed.Payload);
    }

    [Fact]
    public async Task Concurrent_enqueues_store_every_event_once_and_report_retries()
    {
        var store = await NewStoreAsync();

        // Many requests at once, as under load: distinct ids plus each one's retry arriving with it.
        var ids = Enumerable.Range(0, 200).Select(i => $"Ev{i}").ToList();
        var results = await Task.WhenAll(ids.Concat(ids).Select(id => Task.Run(
            async () => (id, stored: await store.InboundEvents.TryEnqueueAsync("slack", id, id, "{}", T0, Ct)), Ct)));

        Assert.All(results.GroupBy(r => r.id), copies => Assert.Single(copies, c => c.stored));
        Assert.Equal(ids.Count, (await store.InboundEvents.StatsAsync("slack", Ct)).Pending);
    }

    [Fact]
    public async Task The_same_event_id_on_another_platform_is_another_event()
    {
        var store = await NewStoreAsync();

        Assert.True(await store.InboundEvents.TryEnqueueAsync("slack", "Ev1", "L", "{}", T0, Ct));
        Assert.True(await store.InboundEvents.TryEnqueueAsync("teams", "Ev1", "L", "{}", T0, Ct));

        Assert.Single(await store.InboundEvents.ClaimDueAsync("teams", T0, Lease, 10, Ct));
    }

    [Fact]
    public async Task A_claim_takes_the_oldest_event_of_each_lane_oldest_lane_first()
    {
        var store = await NewStoreAsync();
        await store.InboundEvents.TryEnqueueAsync("slack", "Ev3", "busy", "{}", T0.AddSeconds(3), Ct);
        await store.InboundEvents.TryEnqueueAsync("slack", "Ev1", "busy", "{}", T0.AddSeconds(1), Ct);
        await store.InboundEvents.TryEnqueueAsync("slack", "Ev2", "busy", "{}", T0.AddSeconds(2), Ct);
        await store.InboundEvents.TryEnqueueAsync("slack", "Ev4", "quiet", "{}", T0.AddSeconds(4), Ct);
        await store.InboundEvents.TryEnqueueAsync("slack", "Ev5", "other", "{}", T0.AddSeconds(5), Ct);

        var claimed = await store.InboundEvents.ClaimDueAsync("slack", T0.AddSeconds(10), Lease, 2, Ct);

        Assert.Equal(["Ev1", "Ev4"], claimed.Select(e => e.EventId));
        Assert.Equal(T0.AddSeconds(1), claimed[0].ReceivedAt);
        Assert.Equal("busy", claimed[0].Lane);
    }

    [Fact]
    public async Task A_lane_waits_for_its_claimed_event_and_moves_on_once_it_is_processed()
    {
        var store = await NewStoreAsync();
        await store.InboundEvents.TryEnqueueAsync("slack", "Ev1", "busy", "{}", T0, Ct);
        await store.InboundEvents.TryEnqueueAsync("slack", "Ev2", "busy", "{}", T0.AddSeconds(1), Ct);

        Assert.Equal("Ev1", Assert.Single(await store.InboundEvents.ClaimDueAsync("slack", T0.AddSeconds(2), Lease, 10, Ct)).EventId);
        Assert.Empty(await store.InboundEvents.ClaimDueAsync("slack", T0.AddSeconds(3), Lease, 10, Ct));

        await store.InboundEvents.MarkProcessedAsync("slack", "Ev1", T0.AddSeconds(4), Ct);

        Assert.Equal("Ev2", Assert.Single(await store.InboundEvents.ClaimDueAsync("slack", T0.AddSeconds(5), Lease, 10, Ct)).EventId);
    }

    [Fact]
    public async Task A_claim_counts_an_attempt_and_an_expired_lease_hands_the_event_on()
    {
        var store = await NewStoreAsync();
        await store.InboundEvents.TryEnqueueAsync("slack", "Ev1", "L", "{}", T0, Ct);

        Assert.Equal(1, Assert.Single(await store.InboundEvents.ClaimDueAsync("slack", T0, Lease, 10, Ct)).Attempts);
        Assert.Empty(await store.InboundEvents.ClaimDueAsync("slack", T0 + Lease - TimeSpan.FromSeconds(1), Lease, 10, Ct));

        Assert.Equal(2, Assert.Single(await store.InboundEvents.ClaimDueAsync("slack", T0 + Lease, Lease, 10, Ct)).Attempts);
    }

    [Fact]
    public async Task A_released_event_is_due_again_at_its_time_with_or_without_the_attempt_counted()
    {
        var store = await NewStoreAsync();
        await store.InboundEvents.TryEnqueueAsync("slack", "Ev1", "L", "{}", T0, Ct);
        await store.InboundEvents.ClaimDueAsync("slack", T0, Lease, 10, Ct);

        await store.InboundEvents.ReleaseAsync("slack", "Ev1", T0.AddSeconds(5), refundAttempt: true, Ct);
        Assert.Empty(await store.InboundEvents.ClaimDueAsync("slack", T0.AddSeconds(4), Lease, 10, Ct));
        var again = Assert.Single(await store.InboundEvents.ClaimDueAsync("slack", T0.AddSeconds(5), Lease, 10, Ct));
        Assert.Equal(1, again.Attempts);

        await store.InboundEvents.ReleaseAsync("slack", "Ev1", T0.AddSeconds(6), refundAttempt: false, Ct);
        Assert.Equal(2, Assert.Single(await store.InboundEvents.ClaimDueAsync("slack", T0.AddSeconds(6), Lease, 10, Ct)).Attempts);
    }

    [Fact]
    public async Task Concurrent_claimers_never_hold_the_same_event()
    {
        var store = await NewStoreAsync();
        for (var i = 0; i < 100; i++)
        {
            await store.InboundEvents.TryEnqueueAsync("slack", $"Ev{i}", $"lane{i}", "{}", T0, Ct);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.InboundEvents.ClaimDueAsync("slack", T0, Lease, 20, Ct), Ct)));

        var ids = claims.SelectMany(c => c).Select(e => e.EventId).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(100, ids.Count);
    }

    [Fact]
    public async Task Stats_count_unprocessed_events_and_the_oldest()
    {
        var store = await NewStoreAsync();
        await store.InboundEvents.TryEnqueueAsync("slack", "Ev1", "L", "{}", T0, Ct);
        await store.InboundEvents.TryEnqueueAsync("slack", "Ev2", "L", "{}", T0.AddSeconds(1), Ct);
        await store.InboundEvents.MarkProcessedAsync("slack", "Ev1", T0.AddSeconds(2), Ct);

        var stats = await store.InboundEvents.StatsAsync("slack", Ct);

        Assert.Equal(new Core.Inbound.InboundQueueStats(1, T0.AddSeconds(1)), stats);
        Assert.Equal(new Core.Inbound.InboundQueueStats(0, null), await store.InboundEvents.StatsAsync("teams", Ct));
    }

    [Fact]
    public async Task An_event_counts_as_processed_only_once_marked()
    {
        var store = await NewStoreAsync();
        await store.InboundEvents.TryEnqueueAsync("slack", "Ev1", "L", "{}", T0, Ct);

        Assert.False(await store.InboundEvents.IsProcessedAsync("slack", "Ev1", Ct));
        await store.InboundEvents.MarkProcessedAsync("slack", "Ev1", T0.AddSeconds(1), Ct);

        Assert.True(await store.InboundEvents.IsProcessedAsync("slack", "Ev1", Ct));
        Assert.False(await store.InboundEvents.IsProcessedAsync("slack", "unknown", Ct));
        Assert.False(await store.InboundEvents.TryEnqueueAsync("slack", "Ev1", "L", "{}", T0.AddSeconds(2), Ct));
    }
}
