using UpgradeBot.Core.Messaging;
using UpgradeBot.Storage.Postgres;
using UpgradeBot.Storage.Tests.Support;
using UpgradeBot.Testing;

namespace UpgradeBot.Storage.Tests;

/// <summary>
/// The rate limiter contract on PostgreSQL, plus what a fleet needs of it: instances sharing the
/// database share each key's slots, pauses and adaptive rate.
/// </summary>
public sealed class PostgresRateLimiterTests : RateLimiterContract, IAsyncDisposable
{
    private readonly PostgresDatabases _databases = new();

    protected override async Task<IRateLimiter> NewLimiterAsync() => (await InstancesAsync(1))[0];

    public ValueTask DisposeAsync() => _databases.DisposeAsync();

    [Fact]
    public async Task Three_instances_booking_at_once_space_one_workspaces_sends_as_one_would()
    {
        var instances = await InstancesAsync(3);

        var slots = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(
            async () => (await instances[i % 3].ReserveAsync(Slack($"C{i}", perSecond: 20), Forever)).At, TestContext.Current.CancellationToken)));

        var ordered = slots.Order().ToList();
        Assert.Equal(Time.GetUtcNow(), ordered[0]);
        Assert.All(ordered.Zip(ordered.Skip(1)), pair => Assert.Equal(TimeSpan.FromMilliseconds(50), pair.Second - pair.First));
    }

    [Fact]
    public async Task Bookings_that_go_to_the_database_together_are_answered_as_if_one_came_after_the_other()
    {
        var limiter = (await InstancesAsync(1))[0];

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(
            async () => await limiter.ReserveAsync(Slack($"C{i}", perSecond: 4), TimeSpan.FromSeconds(1)), TestContext.Current.CancellationToken)));

        var quarter = TimeSpan.FromMilliseconds(250);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => Time.GetUtcNow() + (quarter * i)), answers.Where(a => a.Granted).Select(a => a.At).Order());
        Assert.Equal(Enumerable.Range(5, 7).Select(i => quarter * i), answers.Where(a => !a.Granted).Select(a => a.Wait).Order());
    }

    [Fact]
    public async Task A_429_reported_by_one_instance_pauses_and_slows_the_key_for_the_others()
    {
        var instances = await InstancesAsync(2);
        DateTimeOffset refused = default;
        for (var i = 0; i < 51; i++)
        {
            var slot = await instances[0].ReserveAsync(Slack($"C{i}"), Forever);
            Time.Advance(slot.Wait);
            refused = slot.At;
        }

        await instances[0].ThrottledAsync("workspace", TimeSpan.FromSeconds(2), Workspace(), refused);

        var paused = await instances[1].ReserveAsync(Slack("Cx"), Forever);
        Assert.Equal(TimeSpan.FromSeconds(2), paused.Wait);
        var next = await instances[1].ReserveAsync(Slack("Cy"), Forever);
        Assert.InRange((next.At - paused.At).TotalMilliseconds, 1000 / 50.0, 1000 / (50 * 0.95));
    }

    /// <summary><paramref name="count"/> limiters on one fresh, migrated database, as that many instances would have.</summary>
    private async Task<IRateLimiter[]> InstancesAsync(int count)
    {
        var connectionString = _databases.Create();
        var databases = Enumerable.Range(0, count).Select(_ => _databases.Open(new PostgresDatabase(connectionString))).ToList();

        await new StoreLifecycle(databases[0], TimeProvider.System).MigrateAsync(TestContext.Current.CancellationToken);
        return [.. databases.Select(d => new PostgresRateLimiter(d, Time))];
    }
}
