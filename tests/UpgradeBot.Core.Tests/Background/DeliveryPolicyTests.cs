using UpgradeBot.Core.Background;
using UpgradeBot.Core.Messaging;

namespace UpgradeBot.Core.Tests.Background;

public sealed class DeliveryPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly DeliveryPolicy Policy = new(8, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(2));

    [Fact]
    public void A_platforms_retry_after_is_when_the_row_is_tried_again_even_below_the_backoff()
    {
        var decision = Policy.Decide(SendResult.RetryLater("ratelimited", TimeSpan.FromSeconds(1)), attempt: 3, jitter: 0.9, Now);

        Assert.Equal(DeliveryDecision.Retry(Now.AddSeconds(1)), decision);
    }

    [Theory]
    [InlineData(1, 0.0, 2.5)]
    [InlineData(1, 1.0, 5.0)]
    [InlineData(3, 0.0, 10.0)]
    [InlineData(7, 1.0, 320.0)]
    public void Without_a_named_time_the_backoff_doubles_from_the_first_delay_with_jitter(int attempt, double jitter, double seconds)
    {
        var decision = Policy.Decide(SendResult.RetryLater("503"), attempt, jitter, Now);

        Assert.Equal(DeliveryDecision.Retry(Now.AddSeconds(seconds)), decision);
    }

    [Fact]
    public void The_last_attempt_gives_up_even_when_the_platform_named_a_time()
    {
        Assert.Equal(DeliveryDecision.GiveUp, Policy.Decide(SendResult.RetryLater("ratelimited", TimeSpan.FromSeconds(1)), attempt: 8, jitter: 0.5, Now));
    }

    [Fact]
    public void A_send_our_own_limiter_held_back_waits_without_counting_an_attempt()
    {
        var held = new SendResult(SendOutcome.RetryLater, RetryAfter: TimeSpan.FromMilliseconds(300), Error: "held", Attempted: false);

        Assert.Equal(DeliveryDecision.Wait(Now.AddMilliseconds(300)), Policy.Decide(held, attempt: 8, jitter: 0.5, Now));
    }
}
