namespace UpgradeBot.Storage.Tests;

public abstract partial class StoreContract
{
    [Fact]
    public async Task Enqueueing_a_retried_event_stores_it_once()
    {
        var store = await NewStoreAsync();

        Assert.True(await store.InboundEvents.TryEnqueueAsync("slack", "Ev1", "first", T0, Ct));
        Assert.False(await store.InboundEvents.TryEnqueueAsync("slack", "Ev1", "retry", T0.AddSeconds(3), Ct));

        var pending = Assert.Single(await store.InboundEvents.ListPendingAsync("slack", 10, Ct));
        Assert.Equal("first", pending.Payload);
    }

    [Fact]
    public async Task Concurrent_enqueues_store_every_event_once_and_report_retries()
    {
        var store = await NewStoreAsync();

        // Many requests at once, as under load: distinct ids plus each one's retry arriving with it.
        var ids = Enumerable.Range(0, 200).Select(i => $"Ev{i}").ToList();
        var results = await Task.WhenAll(ids.Concat(ids).Select(id => Task.Run(
            async () => (id, stored: await store.InboundEvents.TryEnqueueAsync("slack", id, "{}", T0, Ct)), Ct)));

        Assert.All(results.GroupBy(r => r.id), copies => Assert.Single(copies, c => c.stored));
        Assert.Equal(ids.Count, (await store.InboundEvents.ListPendingAsync("slack", 1000, Ct)).Count);
    }

    [Fact]
    public async Task The_same_event_id_on_another_platform_is_another_event()
    {
        var store = await NewStoreAsync();

        Assert.True(await store.InboundEvents.TryEnqueueAsync("slack", "Ev1", "{}", T0, Ct));
        Assert.True(await store.InboundEvents.TryEnqueueAsync("teams", "Ev1", "{}", T0, Ct));

        Assert.Single(await store.InboundEvents.ListPendingAsync("teams", 10, Ct));
    }

    [Fact]
    public async Task Pending_events_come_oldest_first_up_to_the_maximum_and_without_processed_ones()
    {
        var store = await NewStoreAsync();
        await store.InboundEvents.TryEnqueueAsync("slack", "Ev3", "{}", T0.AddSeconds(3), Ct);
        await store.InboundEvents.TryEnqueueAsync("slack", "Ev1", "{}", T0.AddSeconds(1), Ct);
        await store.InboundEvents.TryEnqueueAsync("slack", "Ev2", "{}", T0.AddSeconds(2), Ct);
        await store.InboundEvents.TryEnqueueAsync("slack", "Ev4", "{}", T0.AddSeconds(4), Ct);
        await store.InboundEvents.MarkProcessedAsync("slack", "Ev2", T0.AddSeconds(5), Ct);

        var pending = await store.InboundEvents.ListPendingAsync("slack", 2, Ct);

        Assert.Equal(["Ev1", "Ev3"], pending.Select(e => e.EventId));
        Assert.Equal(T0.AddSeconds(1), pending[0].ReceivedAt);
    }

    [Fact]
    public async Task Recorded_attempts_show_on_the_pending_event()
    {
        var store = await NewStoreAsync();
        await store.InboundEvents.TryEnqueueAsync("slack", "Ev1", "{}", T0, Ct);

        await store.InboundEvents.RecordAttemptAsync("slack", "Ev1", Ct);
        await store.InboundEvents.RecordAttemptAsync("slack", "Ev1", Ct);

        Assert.Equal(2, Assert.Single(await store.InboundEvents.ListPendingAsync("slack", 10, Ct)).Attempts);
    }

    [Fact]
    public async Task An_event_counts_as_processed_only_once_marked()
    {
        var store = await NewStoreAsync();
        await store.InboundEvents.TryEnqueueAsync("slack", "Ev1", "{}", T0, Ct);

        Assert.False(await store.InboundEvents.IsProcessedAsync("slack", "Ev1", Ct));
        await store.InboundEvents.MarkProcessedAsync("slack", "Ev1", T0.AddSeconds(1), Ct);

        Assert.True(await store.InboundEvents.IsProcessedAsync("slack", "Ev1", Ct));
        Assert.False(await store.InboundEvents.IsProcessedAsync("slack", "unknown", Ct));
        Assert.False(await store.InboundEvents.TryEnqueueAsync("slack", "Ev1", "{}", T0.AddSeconds(2), Ct));
    }
}
