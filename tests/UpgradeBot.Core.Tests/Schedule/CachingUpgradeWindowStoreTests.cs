using Microsoft.Extensions.Time.Testing;
using UpgradeBot.Core.Schedule;

namespace UpgradeBot.Core.Tests.Schedule;

public class CachingUpgradeWindowStoreTests
{
    private static readonly UpgradeWindow Window = new("w", "Upgrade", [new UpgradePhase("P1", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1))]);

    /// <summary>An in-memory store that counts how often the list is read.</summary>
    private sealed class CountingStore : IUpgradeWindowStore
    {
        private readonly Dictionary<string, UpgradeWindow> _windows = [];

        public int Reads { get; private set; }

        public Task<IReadOnlyList<UpgradeWindow>> ListAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<(UpgradeWindow Window, UpgradeSource Source)>> ListWithSourceAsync(CancellationToken cancellationToken = default)
        {
            Reads++;
            return Task.FromResult<IReadOnlyList<(UpgradeWindow, UpgradeSource)>>([.. _windows.Values.Select(w => (w, UpgradeSource.Admin))]);
        }

        public Task<UpgradeWindow?> GetAsync(string id, CancellationToken cancellationToken = default) => Task.FromResult(_windows.GetValueOrDefault(id));

        public Task UpsertAsync(UpgradeWindow window, UpgradeSource source, DateTimeOffset at, CancellationToken cancellationToken = default)
        {
            _windows[window.Id] = window;
            return Task.CompletedTask;
        }

        public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => Task.FromResult(_windows.Remove(id));
    }

    [Fact]
    public async Task Answers_read_the_database_once_while_nothing_changes()
    {
        var inner = new CountingStore();
        var store = new CachingUpgradeWindowStore(inner, new FakeTimeProvider());

        await store.ListAsync();
        await store.ListAsync();

        Assert.Equal(1, inner.Reads);
    }

    [Fact]
    public async Task An_edit_through_this_process_is_seen_at_once()
    {
        var inner = new CountingStore();
        var store = new CachingUpgradeWindowStore(inner, new FakeTimeProvider());
        Assert.Empty(await store.ListAsync());

        await store.UpsertAsync(Window, UpgradeSource.Admin, DateTimeOffset.UnixEpoch);
        Assert.Single(await store.ListAsync());

        await store.DeleteAsync("w");
        Assert.Empty(await store.ListAsync());
    }

    [Fact]
    public async Task An_edit_by_another_process_is_seen_after_the_maximum_age()
    {
        var inner = new CountingStore();
        var time = new FakeTimeProvider();
        var store = new CachingUpgradeWindowStore(inner, time);
        Assert.Empty(await store.ListAsync());

        await inner.UpsertAsync(Window, UpgradeSource.Admin, DateTimeOffset.UnixEpoch);
        Assert.Empty(await store.ListAsync());

        time.Advance(CachingUpgradeWindowStore.MaxAge);
        Assert.Single(await store.ListAsync());
    }

    [Fact]
    public async Task With_a_live_change_feed_the_copy_lasts_until_the_feed_reports_a_change()
    {
        var inner = new CountingStore();
        var time = new FakeTimeProvider();
        var feed = new Feed { IsLive = true };
        var store = new CachingUpgradeWindowStore(inner, time, feed);
        Assert.Empty(await store.ListAsync());

        await inner.UpsertAsync(Window, UpgradeSource.Admin, DateTimeOffset.UnixEpoch);
        time.Advance(TimeSpan.FromHours(1));
        Assert.Empty(await store.ListAsync());

        feed.Version++;
        Assert.Single(await store.ListAsync());
        Assert.Equal(2, inner.Reads);
    }

    [Fact]
    public async Task While_the_change_feed_is_down_the_copy_is_read_again_after_the_maximum_age()
    {
        var inner = new CountingStore();
        var time = new FakeTimeProvider();
        var store = new CachingUpgradeWindowStore(inner, time, new Feed { IsLive = false });
        Assert.Empty(await store.ListAsync());

        await inner.UpsertAsync(Window, UpgradeSource.Admin, DateTimeOffset.UnixEpoch);
        Assert.Empty(await store.ListAsync());

        time.Advance(CachingUpgradeWindowStore.MaxAge);
        Assert.Single(await store.ListAsync());
    }

    private sealed class Feed : IUpgradeWindowChangeFeed
    {
        public long Version { get; set; }

        public bool IsLive { get; set; }
    }
}
