using Microsoft.Extensions.Time.Testing;
using UpgradeBot.Slack.Api;

namespace UpgradeBot.Slack.Tests;

public sealed class SlackRateLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void One_post_per_second_per_channel()
    {
        var limiter = new SlackRateLimiter(_time, workspaceMessagesPerSecond: 100);

        Assert.Equal(TimeSpan.Zero, limiter.Reserve("C1"));
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.Reserve("C1"));
        Assert.Equal(TimeSpan.FromSeconds(2), limiter.Reserve("C1"));
        Assert.Equal(TimeSpan.FromMilliseconds(10), limiter.Reserve("C2"));
    }

    [Fact]
    public void The_workspace_rate_spaces_posts_across_channels()
    {
        var limiter = new SlackRateLimiter(_time, workspaceMessagesPerSecond: 4);

        var delays = Enumerable.Range(0, 4).Select(i => limiter.Reserve($"C{i}")).ToArray();

        Assert.Equal([TimeSpan.Zero, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(750)], delays);
    }

    [Fact]
    public void A_pause_after_429_holds_every_channel_until_it_ends()
    {
        var limiter = new SlackRateLimiter(_time, workspaceMessagesPerSecond: 100);

        limiter.Pause(TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(30), limiter.Reserve("C1"));
        _time.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(TimeSpan.Zero, limiter.Reserve("C2"));
    }

    [Fact]
    public async Task Waiting_completes_when_the_clock_reaches_the_slot()
    {
        var limiter = new SlackRateLimiter(_time, workspaceMessagesPerSecond: 100);
        await limiter.WaitAsync("C1", TestContext.Current.CancellationToken);

        var second = limiter.WaitAsync("C1", TestContext.Current.CancellationToken);
        Assert.False(second.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        await second.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }
}
