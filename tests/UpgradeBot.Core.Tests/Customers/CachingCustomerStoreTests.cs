using Microsoft.Extensions.Time.Testing;
using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Deployments;

namespace UpgradeBot.Core.Tests.Customers;

public sealed class CachingCustomerStoreTests
{
    private static readonly CustomerKey Acme = new("chat", "T1");
    private static readonly CustomerChange Change = new(DateTimeOffset.UnixEpoch, "U1", "Ada", new CustomerSettings(DeploymentType.PublicCloud, "acme-01", null));

    [Fact]
    public async Task Answers_read_a_customer_once_a_second_whether_or_not_it_has_settings()
    {
        var inner = new InMemoryCustomerStore();
        var time = new FakeTimeProvider();
        var store = new CachingCustomerStore(inner, time);

        Assert.Null(await store.GetAsync(Acme));
        Assert.Null(await store.GetAsync(Acme));
        Assert.Equal(1, inner.Reads);

        time.Advance(CachingCustomerStore.MaxAge);
        Assert.Null(await store.GetAsync(Acme));
        Assert.Equal(2, inner.Reads);
    }

    [Fact]
    public async Task A_change_through_this_process_is_seen_at_once()
    {
        var inner = new InMemoryCustomerStore();
        var store = new CachingCustomerStore(inner, new FakeTimeProvider());
        Assert.Null(await store.GetAsync(Acme));

        await store.SaveAsync(Acme, Change);

        Assert.Equal(Change.Settings, (await store.GetAsync(Acme))!.Settings);
    }

    [Fact]
    public async Task A_change_by_another_process_is_seen_once_the_copy_is_a_second_old()
    {
        var inner = new InMemoryCustomerStore();
        var time = new FakeTimeProvider();
        var store = new CachingCustomerStore(inner, time);
        Assert.Null(await store.GetAsync(Acme));

        await inner.SaveAsync(Acme, Change);
        Assert.Null(await store.GetAsync(Acme));
        time.Advance(CachingCustomerStore.MaxAge);

        Assert.Equal(Change.Settings, (await store.GetAsync(Acme))!.Settings);
    }
}
