using System.Net;
using System.Text.Json.Nodes;
using UpgradeBot.Core.Subscriptions;
using UpgradeBot.Teams.Tests.Support;
using UpgradeBot.Testing;

namespace UpgradeBot.Teams.Tests;

public sealed class ConversationTests() : TeamsHostTest(TeamsHost.DuringUpgrade)
{
    [Fact]
    public async Task Personal_question_during_upgrade_is_answered_with_a_card_at_the_connector()
    {
        var response = await Bot.PostAsync(Payloads.Personal("the usage graph on the dashboard looks wrong"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(Connector.CallsTo("a:personal-1"));
        Assert.Equal("POST", reply.Method);
        Assert.Equal("act-1", reply.ActivityId);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)reply.Body!["attachments"]![0]!["contentType"]);
        var card = reply.Card!;
        Assert.Equal("1.5", (string?)card["version"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)reply.Body["summary"]));
        Assert.Equal((string?)reply.Body["summary"], (string?)card["fallbackText"]);
        var json = card.ToJsonString();
        Assert.Contains("{{DATE(2027-03-23T06:00:00Z, SHORT)}}", json);
        Assert.Contains("Action.OpenUrl", json);
        Assert.DoesNotContain("Action.Execute", json);
        CardOutput.Save("answer-expected-during-upgrade", card);
    }

    [Fact]
    public async Task Channel_message_without_mention_gets_no_reply()
    {
        var response = await Bot.PostAsync(Payloads.Channel("the usage graph looks wrong", mention: false));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(Connector.Calls);
    }

    [Fact]
    public async Task Channel_mention_is_stripped_before_the_question_is_answered()
    {
        await Bot.PostAsync(Payloads.Personal("the usage graph on the dashboard looks wrong"));
        await Bot.PostAsync(Payloads.Channel("the usage graph on the dashboard looks wrong", mention: true));

        var personal = Assert.Single(Connector.CallsTo("a:personal-1")).Card!;
        var channel = Assert.Single(Connector.CallsTo("19:channel-1@thread.tacv2;messageid=1700000000000")).Card!;
        Assert.Equal(personal["body"]![0]!.ToJsonString(), channel["body"]![0]!.ToJsonString());
        CardOutput.Save("answer-channel-mention", channel);
    }

    [Fact]
    public async Task Mention_alone_shows_help()
    {
        await Bot.PostAsync(Payloads.Channel(string.Empty, mention: true));

        var card = Assert.Single(Connector.Calls).Card!;
        Assert.Contains("unsubscribe", card.ToJsonString());
    }

    [Theory]
    [InlineData("help", "unsubscribe")]
    [InlineData("status", "March 2027 public cloud upgrade")]
    public async Task Commands_are_answered(string command, string expected)
    {
        await Bot.PostAsync(Payloads.Personal(command));

        var card = Assert.Single(Connector.Calls).Card!;
        Assert.Contains(expected, card.ToJsonString());
        CardOutput.Save($"command-{command}", card);
    }

    [Fact]
    public async Task Status_offers_the_upgrade_calendar_next_to_the_status_page()
    {
        await Bot.PostAsync(Payloads.Personal("status"));

        var actions = Assert.Single(Connector.Calls).Card!["actions"]!.AsArray();
        Assert.Equal(
            [("Service status", "https://status.example.com/upgrades/2027-03"), ("Add to calendar", TeamsHost.CalendarUrl)],
            actions.Select(a => ((string?)a!["title"], (string?)a["url"])));
        Assert.All(actions, a => Assert.Equal("Action.OpenUrl", (string?)a!["type"]));
    }

    [Fact]
    public async Task Subscribe_and_unsubscribe_commands_change_the_subscription_of_the_channel()
    {
        var store = Bot.Service<ISubscriptionStore>();
        var key = new ConversationKey("teams", Activities.TenantId, "19:channel-1@thread.tacv2");

        await Bot.PostAsync(Payloads.Channel("subscribe", mention: true));
        var subscribed = await store.GetAsync(key);
        Assert.True(subscribed?.Active);
        var reference = JsonNode.Parse(subscribed!.ConversationReference)!;
        Assert.Equal("19:channel-1@thread.tacv2", (string?)reference["conversation"]!["id"]);
        Assert.Equal(Connector.ServiceUrl, (string?)reference["serviceUrl"]);

        await Bot.PostAsync(Payloads.Channel("unsubscribe", mention: true));
        Assert.False((await store.GetAsync(key))?.Active);

        var cards = Connector.Calls.Select(c => c.Card!).ToList();
        Assert.Equal(2, cards.Count);
        Assert.Contains("Subscribed.", cards[0].ToJsonString());
        Assert.Contains("Unsubscribed.", cards[1].ToJsonString());
        CardOutput.Save("command-subscribe", cards[0]);
        CardOutput.Save("command-unsubscribe", cards[1]);
    }

    [Fact]
    public async Task Install_reported_twice_at_the_same_moment_welcomes_once_in_every_conversation()
    {
        // Teams sends conversationUpdate and installationUpdate for one install, often together.
        var conversations = Enumerable.Range(0, 10).Select(i => $"19:together-{i}@thread.tacv2").ToList();

        var responses = await Task.WhenAll(conversations.SelectMany(id => new[]
        {
            Bot.PostAsync(Payloads.BotAdded(id)),
            Bot.PostAsync(Payloads.Installation("add", id, "channel")),
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(conversations, id => Assert.Single(Connector.CallsTo(id)));
    }

    [Fact]
    public async Task Install_in_a_team_subscribes_and_welcomes_once_and_removal_unsubscribes()
    {
        var store = Bot.Service<ISubscriptionStore>();
        var key = new ConversationKey("teams", Activities.TenantId, "19:general@thread.tacv2");

        await Bot.PostAsync(Payloads.BotAdded("19:general@thread.tacv2"));
        Assert.True((await store.GetAsync(key))?.Active);
        await Bot.PostAsync(Payloads.Installation("add", "19:general@thread.tacv2", "channel"));

        var welcome = Assert.Single(Connector.Calls);
        Assert.Equal("POST", welcome.Method);
        Assert.Contains("subscribe", welcome.Card!.ToJsonString());
        CardOutput.Save("welcome", welcome.Card);

        await Bot.PostAsync(Payloads.BotRemoved("19:general@thread.tacv2"));
        Assert.False((await store.GetAsync(key))?.Active);
    }

    [Fact]
    public async Task Group_chat_installation_update_subscribes_and_uninstall_unsubscribes()
    {
        var store = Bot.Service<ISubscriptionStore>();
        var key = new ConversationKey("teams", Activities.TenantId, "19:group@thread.v2");

        await Bot.PostAsync(Payloads.Installation("add", "19:group@thread.v2"));
        Assert.True((await store.GetAsync(key))?.Active);
        Assert.Single(Connector.Calls);

        await Bot.PostAsync(Payloads.Installation("remove", "19:group@thread.v2"));
        Assert.False((await store.GetAsync(key))?.Active);
    }
}
