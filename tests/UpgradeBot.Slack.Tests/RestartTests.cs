using UpgradeBot.Testing;

namespace UpgradeBot.Slack.Tests;

/// <summary>Stopping the bot while it answers: each answer is posted once across the restart.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task An_answer_in_flight_when_the_bot_stops_is_recorded_and_not_posted_again_after_the_restart()
    {
        await using var first = await SlackBot.StartAsync();
        first.Slack.PostDelay = TimeSpan.FromSeconds(1);
        await first.EventAsync(SlackPayloads.Mention("Ev0STOP001", "C0STOP01", "usage graph broken"));
        await Eventually.True(() => first.Slack.Posts().Any(c => c.Channel == "C0STOP01"), what: "the answer on its way to Slack");

        await first.Host.DisposeAsync();
        first.Slack.PostDelay = TimeSpan.Zero;
        await using var second = await SlackBot.StartAsync(sharing: first);

        Assert.True(await second.Inbound.IsProcessedAsync(SlackPlatform.Name, "Ev0STOP001"));
        Assert.Equal(0, (await second.Inbound.StatsAsync(SlackPlatform.Name)).Pending);
        Assert.Single(second.Slack.Posts(), c => c.Channel == "C0STOP01");
    }
}
