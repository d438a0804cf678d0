using Microsoft.Extensions.Time.Testing;
using UpgradeBot.Core.Messaging;

namespace UpgradeBot.Core.Tests.Messaging;

public sealed class ProcessRateLimiterTests
{
    private static readonly TimeSpan Forever = TimeSpan.MaxValue;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task One_send_per_second_per_channel()
    {
        var limiter = new ProcessRateLimiter(_time);

        Assert.Equal(TimeSpan.Zero, (await limiter.ReserveAsync(Slack("C1"), Forever)).Wait);
        Assert.Equal(TimeSpan.FromSeconds(1), (await limiter.ReserveAsync(Slack("C1"), Forever)).Wait);
        Assert.Equal(TimeSpan.FromSeconds(2), (await limiter.ReserveAsync(Slack("C1"), Forever)).Wait);
        Assert.Equal(TimeSpan.FromMilliseconds(10), (await limiter.ReserveAsync(Slack("C2"), Forever)).Wait);
    }

    [Fact]
    public async Task The_workspace_rate_spaces_sends_across_channels()
    {
        var limiter = new ProcessRateLimiter(_time);
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 4; i++)
        {
            waits.Add((await limiter.ReserveAsync(Slack($"C{i}", perSecond: 4), Forever)).Wait);
        }

        Assert.Equal([TimeSpan.Zero, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(750)], waits);
    }

    [Fact]
    public async Task A_burst_up_to_the_count_goes_at_once_and_the_next_send_waits_for_the_window()
    {
        var limiter = new ProcessRateLimiter(_time);
        RateLimit[] teams = [new("c:1s", 7, TimeSpan.FromSeconds(1)), new("c:2s", 8, TimeSpan.FromSeconds(2))];

        for (var i = 0; i < 7; i++)
        {
            Assert.Equal(TimeSpan.Zero, (await limiter.ReserveAsync(teams, Forever)).Wait);
        }

        Assert.Equal(TimeSpan.FromSeconds(1), (await limiter.ReserveAsync(teams, Forever)).Wait);
        Assert.Equal(TimeSpan.FromSeconds(2), (await limiter.ReserveAsync(teams, Forever)).Wait);
    }

    [Fact]
    public async Task A_send_that_would_wait_longer_than_allowed_is_not_booked_and_says_how_long()
    {
        var limiter = new ProcessRateLimiter(_time);
        await limiter.ReserveAsync(Slack("C1"), Forever);

        var refused = await limiter.ReserveAsync(Slack("C1"), TimeSpan.FromMilliseconds(500));
        Assert.False(refused.Granted);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Wait);

        // Nothing was booked: after the second, the channel is free at once.
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new RateReservation(true, TimeSpan.Zero), await limiter.ReserveAsync(Slack("C1"), TimeSpan.Zero));
    }

    [Fact]
    public async Task A_pause_after_429_holds_every_channel_of_the_key_until_it_ends()
    {
        var limiter = new ProcessRateLimiter(_time);

        await limiter.PauseAsync("workspace", TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(30), (await limiter.ReserveAsync(Slack("C1"), Forever)).Wait);
        _time.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(TimeSpan.Zero, (await limiter.ReserveAsync(Slack("C2"), Forever)).Wait);
    }

    private static RateLimit[] Slack(string channel, double perSecond = 100) =>
    [
        new("workspace", 1, TimeSpan.FromSeconds(1 / perSecond)),
        new($"channel:{channel}", 1, TimeSpan.FromSeconds(1)),
    ];
}
