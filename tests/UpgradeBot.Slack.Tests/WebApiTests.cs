using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Messaging;
using UpgradeBot.Core.Schedule;
using UpgradeBot.Core.Subscriptions;
using UpgradeBot.Testing;

namespace UpgradeBot.Slack.Tests;

public sealed class WebApiTests : IAsyncLifetime
{
    private SlackBot _bot = null!;

    public async ValueTask InitializeAsync() => _bot = await SlackBot.StartAsync();

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    [Fact]
    public async Task A_429_is_waited_out_for_its_Retry_After_and_the_answer_is_posted_once()
    {
        _bot.Slack.RetryAfterSeconds = 1;
        _bot.Slack.RateLimitNext = 1;

        await _bot.EventAsync(SlackPayloads.Mention("Ev0LIMIT01", "C0LIMIT1", "usage graph broken"));

        await _bot.ProcessedAsync("Ev0LIMIT01");
        var attempts = _bot.Slack.Posts().Where(c => c.Channel == "C0LIMIT1").ToArray();
        // The first attempt got the 429, the second was accepted, and nothing was sent again.
        Assert.Equal(2, attempts.Length);
        // A lower bound only: the retry cannot be early, however slow the machine.
        Assert.True(Stopwatch.GetElapsedTime(attempts[0].At, attempts[1].At) >= TimeSpan.FromSeconds(0.95));
    }

    [Fact]
    public async Task A_429_holds_back_its_channel_for_Retry_After_while_the_workspaces_other_channels_go_on()
    {
        _bot.Slack.RetryAfterSeconds = 30;
        _bot.Slack.RateLimitNext = 1;
        var messenger = _bot.Messenger;

        var refused = await messenger.SendAsync(new OutboundMessage(Subscription("C0HOLD01").Address, Announcement()));
        var otherChannel = await messenger.SendAsync(new OutboundMessage(Subscription("C0HOLD02").Address, Announcement()));
        var sameChannel = await messenger.SendAsync(new OutboundMessage(Subscription("C0HOLD01").Address, Announcement()));

        Assert.Equal((SendOutcome.RetryLater, TimeSpan.FromSeconds(30)), (refused.Outcome, refused.RetryAfter));
        // The workspace only slows down (Slack accepted nothing in the second before: to a quarter of its rate).
        Assert.Equal(SendOutcome.Sent, otherChannel.Outcome);
        // Not merely the channel's second: the post waits out the Retry-After, handed back to its queue.
        Assert.Equal((SendOutcome.RetryLater, false), (sameChannel.Outcome, sameChannel.Attempted));
        Assert.True(sameChannel.RetryAfter > TimeSpan.FromSeconds(25), $"held back for {sameChannel.RetryAfter}");
        Assert.Single(_bot.Slack.Posts(), p => p.Channel == "C0HOLD02");
    }

    [Fact]
    public async Task Not_in_channel_deactivates_the_subscription()
    {
        await _bot.CommandAsync("subscribe", channel: "C0GONE01");
        _bot.Slack.NotInChannel["C0GONE01"] = true;

        await _bot.EventAsync(SlackPayloads.Mention("Ev0GONE001", "C0GONE01", "usage graph broken"));
        await _bot.ProcessedAsync("Ev0GONE001");

        Assert.False((await _bot.Subscriptions.GetAsync(SlackPlatform.Key(FakeSlack.TeamId, "C0GONE01")))?.Active);
    }

    [Fact]
    public async Task Messenger_posts_and_updates_announcements_and_reports_a_lost_channel_as_gone()
    {
        var messenger = _bot.Host.Services.GetServices<IMessenger>().Single(m => m.Platform == SlackPlatform.Name);

        var posted = await messenger.SendAsync(new OutboundMessage(Subscription("C0ANNO01").Address, Announcement()));
        var updated = await messenger.SendAsync(new OutboundMessage(Subscription("C0ANNO01").Address, Announcement() with { Kind = AnnouncementKind.Started }, Replaces: posted.MessageId));
        _bot.Slack.NotInChannel["C0ANNO02"] = true;
        var lost = await messenger.SendAsync(new OutboundMessage(Subscription("C0ANNO02").Address, Announcement()));

        Assert.Equal(SendOutcome.Sent, posted.Outcome);
        Assert.False(string.IsNullOrEmpty(posted.MessageId));
        Assert.Equal(SendOutcome.Sent, updated.Outcome);
        Assert.Equal(posted.MessageId, Assert.Single(_bot.Slack.Posts("chat.update")).Body.GetProperty("ts").GetString());
        Assert.Equal(SendOutcome.Permanent, lost.Outcome);
        Assert.True(lost.ConversationGone);
    }

    [Fact]
    public async Task A_wrong_bot_token_is_logged_as_a_configuration_error_naming_the_key_and_the_service_keeps_running()
    {
        await using var bot = await SlackBot.StartAsync(new Dictionary<string, string?> { ["Slack:BotToken"] = "xoxb-wrong-secret-value" });

        var health = await bot.Client.GetAsync("/healthz");
        await Eventually.Until(() => Task.FromResult(bot.Logs.Lines.Any(l => l.Level == LogLevel.Error)), found => found);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains(bot.Logs.Lines, l => l.Level == LogLevel.Error && l.Message.Contains("Slack:BotToken", StringComparison.Ordinal) && l.Message.Contains("invalid_auth", StringComparison.Ordinal));
        Assert.DoesNotContain(bot.Logs.Lines, l => l.Message.Contains("xoxb-wrong-secret-value", StringComparison.Ordinal) || l.Message.Contains(SlackBot.Secret, StringComparison.Ordinal));
    }

    private static Subscription Subscription(string channel) => new(
        SlackPlatform.Key(FakeSlack.TeamId, channel), new SlackConversation(FakeSlack.TeamId, channel).Serialize(), "upgrades", true, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);

    private static Announcement Announcement()
    {
        var start = new DateTimeOffset(2026, 12, 5, 22, 0, 0, TimeSpan.Zero);
        var upgrade = new UpgradeSummary("2026-q4", "Public cloud upgrade <Q4> & more", UpgradeStatus.Scheduled, null, start, start.AddDays(2), new Uri("https://status.example.com/q4"));
        return new Announcement(
            AnnouncementKind.Scheduled,
            "Upgrade scheduled: Public cloud upgrade Q4",
            "The public cloud will be upgraded in two phases. Your data is not at risk.",
            upgrade,
            [new UpgradePhase("Phase 1", start, start.AddDays(1)), new UpgradePhase("Phase 2", start.AddDays(1), start.AddDays(2))],
            GraceDeadline: null,
            Late: true);
    }
}
