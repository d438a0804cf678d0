using Microsoft.Extensions.Time.Testing;
using UpgradeBot.Core.Messaging;

namespace UpgradeBot.Storage.Tests;

/// <summary>
/// What every <see cref="IRateLimiter"/> must do, on a clock the test drives: the in-process one
/// (SQLite, one instance) and the fleet's one in PostgreSQL.
/// </summary>
public abstract class RateLimiterContract
{
    protected static readonly TimeSpan Forever = TimeSpan.MaxValue;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));

    /// <summary>A limiter with state of its own (a fresh database for PostgreSQL) on <see cref="Time"/>.</summary>
    protected abstract Task<IRateLimiter> NewLimiterAsync();

    protected static RateLimit Workspace(double perSecond = 100) => new("workspace", 1, TimeSpan.FromSeconds(1 / perSecond));

    protected static RateLimit[] Slack(string channel, double perSecond = 100) =>
        [Workspace(perSecond), new($"channel:{channel}", 1, TimeSpan.FromSeconds(1))];

    [Fact]
    public async Task One_send_per_second_per_channel()
    {
        var limiter = await NewLimiterAsync();

        Assert.Equal(TimeSpan.Zero, (await limiter.ReserveAsync(Slack("C1"), Forever)).Wait);
        Assert.Equal(TimeSpan.FromSeconds(1), (await limiter.ReserveAsync(Slack("C1"), Forever)).Wait);
        Assert.Equal(TimeSpan.FromSeconds(2), (await limiter.ReserveAsync(Slack("C1"), Forever)).Wait);
        Assert.Equal(TimeSpan.FromMilliseconds(10), (await limiter.ReserveAsync(Slack("C2"), Forever)).Wait);
    }

    [Fact]
    public async Task A_send_under_no_limits_goes_at_once()
    {
        var limiter = await NewLimiterAsync();

        var reservation = await limiter.ReserveAsync([], TimeSpan.Zero);

        Assert.Equal(new RateReservation(true, TimeSpan.Zero, Time.GetUtcNow()), reservation);
    }

    [Fact]
    public async Task The_workspace_rate_spaces_sends_across_channels()
    {
        var limiter = await NewLimiterAsync();
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
        var limiter = await NewLimiterAsync();
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
        var limiter = await NewLimiterAsync();
        await limiter.ReserveAsync(Slack("C1"), Forever);

        var refused = await limiter.ReserveAsync(Slack("C1"), TimeSpan.FromMilliseconds(500));
        Assert.False(refused.Granted);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Wait);

        // Nothing was booked: after the second, the channel is free at once.
        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new RateReservation(true, TimeSpan.Zero, Time.GetUtcNow()), await limiter.ReserveAsync(Slack("C1"), TimeSpan.Zero));
    }

    [Fact]
    public async Task A_refusal_names_the_limits_that_held_the_send_back()
    {
        var limiter = await NewLimiterAsync();
        await limiter.ReserveAsync(Slack("C1", perSecond: 1), Forever);

        // C1 waits for its own second and for the workspace; C2 only for the workspace.
        var busyChannel = await limiter.ReserveAsync(Slack("C1", perSecond: 1), TimeSpan.Zero);
        var otherChannel = await limiter.ReserveAsync(Slack("C2", perSecond: 1), TimeSpan.Zero);
        // Half a second later, at 100/s, the workspace would let C1 go; only the channel's second holds it.
        Time.Advance(TimeSpan.FromMilliseconds(500));
        var channelAlone = await limiter.ReserveAsync(Slack("C1", perSecond: 100), TimeSpan.Zero);

        Assert.Equal(["channel:C1", "workspace"], busyChannel.HeldBy!.Order(StringComparer.Ordinal));
        Assert.Equal(["workspace"], otherChannel.HeldBy);
        Assert.Equal(["channel:C1"], channelAlone.HeldBy);
    }

    [Fact]
    public async Task Sends_turned_away_together_are_told_successive_slots_at_the_keys_rate()
    {
        var limiter = await NewLimiterAsync();
        for (var i = 0; i < 4; i++)
        {
            await limiter.ReserveAsync(Slack($"C{i}", perSecond: 4), Forever);
        }

        var waits = new List<TimeSpan>();
        for (var i = 4; i < 7; i++)
        {
            var refused = await limiter.ReserveAsync(Slack($"C{i}", perSecond: 4), TimeSpan.FromMilliseconds(500));
            Assert.False(refused.Granted);
            waits.Add(refused.Wait);
        }

        Assert.Equal([TimeSpan.FromMilliseconds(1000), TimeSpan.FromMilliseconds(1250), TimeSpan.FromMilliseconds(1500)], waits);
    }

    [Fact]
    public async Task A_429_pauses_every_channel_of_the_key_until_its_retry_after_ends()
    {
        var limiter = await NewLimiterAsync();
        var first = await limiter.ReserveAsync(Slack("C0"), Forever);

        await limiter.ThrottledAsync("workspace", TimeSpan.FromSeconds(30), Workspace(), first.At);

        Assert.Equal(TimeSpan.FromSeconds(30), (await limiter.ReserveAsync(Slack("C1"), Forever)).Wait);
        Time.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(TimeSpan.Zero, (await limiter.ReserveAsync(Slack("C2"), Forever)).Wait);
    }

    [Fact]
    public async Task A_429_slows_the_key_to_just_below_what_the_platform_accepted_in_the_second_before()
    {
        var limiter = await NewLimiterAsync();
        // The bot may send 100 a second; the platform takes 50: the 51st send, half a second in, is refused.
        var refused = await SendAtFullSpeedAsync(limiter, 51);

        await limiter.ThrottledAsync("workspace", TimeSpan.FromSeconds(1), Workspace(), refused);
        Time.Advance(TimeSpan.FromSeconds(1));

        var spacing = await SpacingAsync(limiter);
        Assert.InRange(spacing.TotalMilliseconds, 1000 / 50.0, 1000 / (50 * 0.95));
    }

    [Fact]
    public async Task Refusals_of_sends_booked_before_the_rate_was_lowered_do_not_lower_it_again()
    {
        var limiter = await NewLimiterAsync();
        var first = await SendAtFullSpeedAsync(limiter, 51);
        // Sends already on their way when the first 429 came back are refused too.
        var inFlight = await SendAtFullSpeedAsync(limiter, 10);

        await limiter.ThrottledAsync("workspace", TimeSpan.FromSeconds(1), Workspace(), first);
        await limiter.ThrottledAsync("workspace", TimeSpan.FromSeconds(1), Workspace(), inFlight);
        Time.Advance(TimeSpan.FromSeconds(2));

        Assert.InRange((await SpacingAsync(limiter)).TotalMilliseconds, 1000 / 50.0, 1000 / (50 * 0.95));
    }

    [Fact]
    public async Task A_refusal_within_a_second_of_the_old_rate_does_not_lower_it_again_as_the_platform_still_counts_those_sends()
    {
        var limiter = await NewLimiterAsync();
        var first = await SendAtFullSpeedAsync(limiter, 51);
        await limiter.ThrottledAsync("workspace", TimeSpan.Zero, Workspace(), first);
        var soon = await SendAtFullSpeedAsync(limiter, 10);

        await limiter.ThrottledAsync("workspace", TimeSpan.Zero, Workspace(), soon);
        Time.Advance(TimeSpan.FromSeconds(1));

        Assert.InRange((await SpacingAsync(limiter)).TotalMilliseconds, 1000 / 50.0, 1000 / (50 * 0.95));
    }

    [Fact]
    public async Task A_429_after_a_few_sends_cuts_the_rate_to_a_quarter_at_most()
    {
        var limiter = await NewLimiterAsync();
        var only = (await limiter.ReserveAsync(Slack("C0"), Forever)).At;

        await limiter.ThrottledAsync("workspace", TimeSpan.Zero, Workspace(), only);
        Time.Advance(TimeSpan.FromSeconds(1));

        Assert.InRange((await SpacingAsync(limiter)).TotalMilliseconds, 10 / 0.25, 10 / (0.25 * 0.96));
    }

    [Fact]
    public async Task Sending_without_429s_probes_the_rate_back_up_in_growing_steps_to_the_ceiling()
    {
        var limiter = await NewLimiterAsync();
        var refused = await SendAtFullSpeedAsync(limiter, 51);
        await limiter.ThrottledAsync("workspace", TimeSpan.Zero, Workspace(), refused);
        var lowered = await SpacingAsync(limiter);

        var spacings = new List<TimeSpan>();
        for (var probe = 0; probe < 12; probe++)
        {
            Time.Advance(AdaptiveRate.ProbeInterval);
            spacings.Add(await SpacingAsync(limiter));
        }

        Assert.Equal((lowered / 1.02).TotalMilliseconds, spacings[0].TotalMilliseconds, 0.01);
        Assert.Equal((lowered / 1.02 / 1.04).TotalMilliseconds, spacings[1].TotalMilliseconds, 0.01);
        Assert.Equal(TimeSpan.FromMilliseconds(10), spacings[^1]);
    }

    [Fact]
    public async Task After_a_429_the_rate_probes_up_once_the_sends_booked_at_the_old_rate_have_had_a_probe_interval()
    {
        var limiter = await NewLimiterAsync();
        // A second of sends booked ahead at the ceiling; the platform takes 50 a second and refuses the 51st.
        var booked = new List<DateTimeOffset>();
        for (var i = 0; i < 100; i++)
        {
            booked.Add((await limiter.ReserveAsync(Slack($"C{i}"), Forever)).At);
        }

        await limiter.ThrottledAsync("channel:C50", TimeSpan.FromSeconds(1), Workspace(), booked[50]);

        Time.SetUtcNow(booked[^1] + AdaptiveRate.ProbeInterval - TimeSpan.FromMilliseconds(100));
        var lowered = await SpacingAsync(limiter);
        Time.SetUtcNow(booked[^1] + AdaptiveRate.ProbeInterval + TimeSpan.FromMilliseconds(100));
        var probed = await SpacingAsync(limiter);

        Assert.InRange(lowered.TotalMilliseconds, 1000 / 50.0, 1000 / (50 * 0.95));
        Assert.Equal((lowered / 1.02).TotalMilliseconds, probed.TotalMilliseconds, 0.01);
    }

    [Fact]
    public async Task Against_a_cap_half_the_ceiling_the_rate_settles_just_below_it_within_seconds_without_a_storm_of_429s()
    {
        var limiter = await NewLimiterAsync();

        var (accepted, refused) = await FanOutAsync(limiter, cap: 50, TimeSpan.FromSeconds(20));

        var perSecond = Enumerable.Range(0, 20).Select(s => accepted.Count(a => a >= s && a < s + 1)).ToList();
        var refusedPerSecond = Enumerable.Range(0, 20).Select(s => refused.Count(a => a >= s && a < s + 1)).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine($"accepted per second: {string.Join(", ", perSecond)}; 429s: {string.Join(", ", refusedPerSecond)}");
        // The first second teaches the cap (sends at the ceiling are refused until the 429s come back);
        // from then on the platform takes nearly all it can, and refuses about one probe in two or three.
        Assert.All(perSecond.Skip(1), n => Assert.InRange(n, 47, 50));
        Assert.InRange(refusedPerSecond.Skip(1).Sum(), 1, 19);
    }

    /// <summary>Books <paramref name="count"/> sends of a 100/s workspace as fast as it allows, each in its own channel; returns the last one's moment.</summary>
    private async Task<DateTimeOffset> SendAtFullSpeedAsync(IRateLimiter limiter, int count)
    {
        var at = Time.GetUtcNow();
        for (var i = 0; i < count; i++)
        {
            var slot = await limiter.ReserveAsync(Slack($"C{Guid.NewGuid():N}"), Forever);
            Time.Advance(slot.Wait);
            at = slot.At;
        }

        return at;
    }

    /// <summary>
    /// A fan-out to one workspace of a 100/s ceiling, a send to a new channel whenever the limiter
    /// allows, for <paramref name="span"/>, against a platform that accepts <paramref name="cap"/> in
    /// any second and answers each send 150 ms after it went: each 429 is reported to the limiter when
    /// it comes back, as a messenger does. Returns when each accepted send went (seconds from the start) and the 429s.
    /// </summary>
    private async Task<(List<double> Accepted, List<double> Refused)> FanOutAsync(IRateLimiter limiter, int cap, TimeSpan span)
    {
        var start = Time.GetUtcNow();
        var admitted = new Queue<DateTimeOffset>();
        var answers = new Queue<(DateTimeOffset At, DateTimeOffset BookedAt, string Channel, bool Accepted)>();
        var accepted = new List<double>();
        var refused = new List<double>();
        for (var i = 0; Time.GetUtcNow() < start + span; i++)
        {
            var channel = $"C{i}";
            var slot = await limiter.ReserveAsync(Slack(channel), Forever);
            while (answers.TryPeek(out var answer) && answer.At <= slot.At)
            {
                answers.Dequeue();
                AdvanceTo(answer.At);
                if (!answer.Accepted)
                {
                    await limiter.ThrottledAsync($"channel:{answer.Channel}", TimeSpan.FromSeconds(1), Workspace(), answer.BookedAt);
                }
            }

            AdvanceTo(slot.At);
            while (admitted.TryPeek(out var oldest) && slot.At - oldest >= TimeSpan.FromSeconds(1))
            {
                admitted.Dequeue();
            }

            var ok = admitted.Count < cap;
            if (ok)
            {
                admitted.Enqueue(slot.At);
                accepted.Add((slot.At - start).TotalSeconds);
            }
            else
            {
                refused.Add((slot.At - start).TotalSeconds);
            }

            answers.Enqueue((slot.At + TimeSpan.FromMilliseconds(150), slot.At, channel, ok));
        }

        return (accepted, refused);
    }

    private void AdvanceTo(DateTimeOffset at)
    {
        if (at > Time.GetUtcNow())
        {
            Time.SetUtcNow(at);
        }
    }

    /// <summary>The workspace's spacing now: the gap between two sends booked back to back once the workspace is free.</summary>
    private async Task<TimeSpan> SpacingAsync(IRateLimiter limiter)
    {
        var first = await limiter.ReserveAsync(Slack($"C{Guid.NewGuid():N}"), Forever);
        Time.Advance(first.Wait);
        var second = await limiter.ReserveAsync(Slack($"C{Guid.NewGuid():N}"), Forever);
        Time.Advance(second.Wait);
        return second.At - first.At;
    }
}
