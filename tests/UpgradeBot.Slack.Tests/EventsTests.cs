using System.Net;
using System.Text.Json;
using UpgradeBot.Testing;

namespace UpgradeBot.Slack.Tests;

public sealed class EventsTests : IAsyncLifetime
{
    private SlackBot _bot = null!;

    public async ValueTask InitializeAsync() => _bot = await SlackBot.StartAsync();

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    [Fact]
    public async Task Url_verification_is_answered_with_the_challenge()
    {
        var response = await _bot.EventAsync(new { token = "t", challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", type = "url_verification" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", body.GetProperty("challenge").GetString());
    }

    [Fact]
    public async Task Mention_gets_one_answer_in_the_thread_of_the_question_with_the_escalate_button()
    {
        var response = await _bot.EventAsync(SlackPayloads.Mention("Ev0MENTION1", "C0CHAN01", "usage graph broken", ts: "1700000100.000200"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var post = await OnePostAsync("Ev0MENTION1", c => c.Channel == "C0CHAN01");
        Assert.Equal("1700000100.000200", post.ThreadTs);
        Assert.True(post.HasEscalateButton);
        Assert.False(string.IsNullOrWhiteSpace(post.Text));
        Assert.Equal($"Bearer {FakeSlack.Token}", post.Authorization);
    }

    [Fact]
    public async Task Direct_message_is_answered_in_the_DM_and_edits_and_bot_messages_are_ignored()
    {
        await _bot.EventAsync(SlackPayloads.DirectMessage("Ev0DMEDIT1", "usage graph broken", subtype: "message_changed"));
        await _bot.EventAsync(SlackPayloads.DirectMessage("Ev0DMBOT01", "usage graph broken", botId: "B0OTHER1"));
        await _bot.EventAsync(SlackPayloads.DirectMessage("Ev0DM00001", "help"));

        await _bot.ProcessedAsync("Ev0DMEDIT1");
        await _bot.ProcessedAsync("Ev0DMBOT01");
        var post = await OnePostAsync("Ev0DM00001", c => c.Channel == "D0DM0001");
        Assert.Null(post.ThreadTs);
        Assert.Contains("subscribe", post.Blocks.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_event_retried_three_times_is_answered_once()
    {
        var mention = SlackPayloads.Mention("Ev0RETRY01", "C0RETRY1", "usage graph broken");

        var responses = new List<HttpResponseMessage> { await _bot.EventAsync(mention) };
        for (var retry = 1; retry <= 3; retry++)
        {
            responses.Add(await _bot.EventAsync(mention, retryNum: retry));
        }

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await OnePostAsync("Ev0RETRY01", c => c.Channel == "C0RETRY1");
    }

    [Fact]
    public async Task A_retry_of_an_event_acknowledged_but_never_handled_is_answered_once()
    {
        // As if a process stored the event, acknowledged it and died before handling it.
        var mention = SlackPayloads.Mention("Ev0CRASH01", "C0CRASH1", "usage graph broken");
        await _bot.Inbound.TryEnqueueAsync(SlackPlatform.Name, FakeSlack.TeamId, "Ev0CRASH01", $"{FakeSlack.TeamId}/C0CRASH1", JsonSerializer.Serialize(mention), DateTimeOffset.UtcNow);

        var retry = await _bot.EventAsync(mention, retryNum: 1);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        await OnePostAsync("Ev0CRASH01", c => c.Channel == "C0CRASH1");
        Assert.True(await _bot.Inbound.IsProcessedAsync(SlackPlatform.Name, "Ev0CRASH01"));
    }

    [Fact]
    public async Task Bot_added_to_a_channel_subscribes_it_and_says_welcome_and_removed_unsubscribes()
    {
        await _bot.EventAsync(SlackPayloads.Membership("Ev0JOIN001", "member_joined_channel", "C0JOIN01"));

        var welcome = await OnePostAsync("Ev0JOIN001", c => c.Channel == "C0JOIN01");
        Assert.Contains("announcements", welcome.Text, StringComparison.Ordinal);
        var subscription = await _bot.Subscriptions.GetAsync(SlackPlatform.Key(FakeSlack.TeamId, "C0JOIN01"));
        Assert.True(subscription?.Active);
        Assert.Equal(new SlackConversation(FakeSlack.TeamId, "C0JOIN01"), SlackConversation.Parse(subscription!.ConversationReference));

        await _bot.EventAsync(SlackPayloads.Membership("Ev0LEAVE01", "member_left_channel", "C0JOIN01"));
        await _bot.ProcessedAsync("Ev0LEAVE01");

        Assert.False((await _bot.Subscriptions.GetAsync(SlackPlatform.Key(FakeSlack.TeamId, "C0JOIN01")))?.Active);
    }

    [Fact]
    public async Task Someone_else_joining_or_leaving_changes_nothing()
    {
        await _bot.EventAsync(SlackPayloads.Membership("Ev0OTHER01", "member_joined_channel", "C0OTHER1", user: "U0USER01"));
        await _bot.ProcessedAsync("Ev0OTHER01");

        Assert.Null(await _bot.Subscriptions.GetAsync(SlackPlatform.Key(FakeSlack.TeamId, "C0OTHER1")));
        Assert.DoesNotContain(_bot.Slack.Posts(), c => c.Channel == "C0OTHER1");
    }

    [Fact]
    public async Task Channel_left_unsubscribes_and_app_uninstalled_deactivates_the_workspace()
    {
        await _bot.CommandAsync("subscribe", channel: "C0KEEP01");
        await _bot.CommandAsync("subscribe", channel: "C0LEFT01");

        await _bot.EventAsync(SlackPayloads.ChannelLeft("Ev0CHLEFT1", "C0LEFT01"));
        await _bot.ProcessedAsync("Ev0CHLEFT1");
        Assert.False((await _bot.Subscriptions.GetAsync(SlackPlatform.Key(FakeSlack.TeamId, "C0LEFT01")))?.Active);
        Assert.True((await _bot.Subscriptions.GetAsync(SlackPlatform.Key(FakeSlack.TeamId, "C0KEEP01")))?.Active);

        await _bot.EventAsync(SlackPayloads.Uninstalled("Ev0UNINST1"));
        await _bot.ProcessedAsync("Ev0UNINST1");
        Assert.False((await _bot.Subscriptions.GetAsync(SlackPlatform.Key(FakeSlack.TeamId, "C0KEEP01")))?.Active);
    }

    /// <summary>Waits until the event is handled, when everything it makes the bot post is posted, and returns the only matching post.</summary>
    private async Task<FakeSlack.Call> OnePostAsync(string eventId, Func<FakeSlack.Call, bool> match)
    {
        await _bot.ProcessedAsync(eventId);
        return Assert.Single(_bot.Slack.Posts(), c => match(c));
    }
}
