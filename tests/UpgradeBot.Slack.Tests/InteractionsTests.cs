using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Testing;

namespace UpgradeBot.Slack.Tests;

public sealed class InteractionsTests : IAsyncLifetime
{
    private const string ChampionsChannel = "C0CHAMPS1";
    private SlackBot _bot = null!;

    public async ValueTask InitializeAsync() => _bot = await SlackBot.StartAsync(new Dictionary<string, string?>
    {
        ["Escalation:Slack:ChannelId"] = ChampionsChannel,
        ["Escalation:MaxPerUserPerDay"] = "1",
    });

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    [Fact]
    public async Task Escalate_clicked_twice_escalates_once_and_replaces_the_original_with_the_same_reference()
    {
        var value = await ButtonValueOfAnswerAsync("C0CHAN01", "usage graph broken");

        Assert.Equal(HttpStatusCode.OK, (await _bot.InteractionAsync(SlackPayloads.Click("trigger-1", _bot.Slack.ResponseUrl("click1"), value))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _bot.InteractionAsync(SlackPayloads.Click("trigger-2", _bot.Slack.ResponseUrl("click2"), value))).StatusCode);

        var first = await ResponseAsync("click1");
        var second = await ResponseAsync("click2");
        foreach (var response in new[] { first, second })
        {
            Assert.True(response.Body.GetProperty("replace_original").GetBoolean());
            Assert.False(response.HasEscalateButton);
        }

        var reference = Assert.Single(References(first));
        Assert.Equal([reference], References(second));
        // Once every destination has it, the outbox sends nothing more about it.
        var store = _bot.Host.Services.GetRequiredService<IEscalationStore>();
        await Eventually.Until(() => store.GetAsync(reference), e => e?.Status == DeliveryStatus.Delivered, what: $"{reference} delivered");
        var notice = Assert.Single(_bot.Slack.Posts(), c => c.Channel == ChampionsChannel);
        Assert.Contains(reference, notice.Text, StringComparison.Ordinal);
        Assert.Contains("usage graph broken", notice.Blocks.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("U0USER01", notice.Blocks.GetRawText(), StringComparison.Ordinal);
        var page = await store.ListAsync(null, null, 0, 10);
        Assert.Equal(1, page.Total);
    }

    [Fact]
    public async Task Over_the_daily_limit_gets_an_ephemeral_explanation_and_keeps_the_button()
    {
        var first = await ButtonValueOfAnswerAsync("C0CHAN02", "usage graph broken");
        var other = await ButtonValueOfAnswerAsync("C0CHAN03", "Destination is offline alert");
        await _bot.InteractionAsync(SlackPayloads.Click("trigger-a", _bot.Slack.ResponseUrl("a"), first, channel: "C0CHAN02"));
        await ResponseAsync("a");

        await _bot.InteractionAsync(SlackPayloads.Click("trigger-b", _bot.Slack.ResponseUrl("b"), other, channel: "C0CHAN03"));

        var refused = await ResponseAsync("b");
        Assert.Equal("ephemeral", refused.Body.GetProperty("response_type").GetString());
        Assert.False(refused.Body.GetProperty("replace_original").GetBoolean());
        Assert.Contains("limit", refused.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"topic\":\"made-up\",\"verdict\":\"none\",\"question\":\"x\",\"askedAt\":\"2020-01-01T00:00:00Z\"}")]
    public async Task A_tampered_button_value_gets_an_ephemeral_explanation_and_escalates_nothing(string value)
    {
        await _bot.InteractionAsync(SlackPayloads.Click($"trigger-{Guid.NewGuid():N}", _bot.Slack.ResponseUrl("bad"), value));

        var refused = await ResponseAsync("bad");
        Assert.Equal("ephemeral", refused.Body.GetProperty("response_type").GetString());
        Assert.False(refused.Body.GetProperty("replace_original").GetBoolean());
        Assert.Equal(0, (await _bot.Host.Services.GetRequiredService<IEscalationStore>().ListAsync(null, null, 0, 10)).Total);
    }

    private async Task<string> ButtonValueOfAnswerAsync(string channel, string question)
    {
        await _bot.EventAsync(SlackPayloads.Mention($"Ev{Guid.NewGuid():N}", channel, question));
        await Eventually.Until(() => Task.FromResult(_bot.Slack.Posts().Any(c => c.Channel == channel)), found => found);
        var answer = _bot.Slack.Posts().First(c => c.Channel == channel);
        Assert.True(answer.HasEscalateButton);
        return answer.Blocks.EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "actions")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray())
            .Single(e => e.GetProperty("action_id").GetString() == "escalate")
            .GetProperty("value").GetString()!;
    }

    private async Task<FakeSlack.Call> ResponseAsync(string id)
    {
        await Eventually.Until(() => Task.FromResult(_bot.Slack.Calls.Any(c => c.Method == $"response:{id}")), found => found);
        return _bot.Slack.Calls.First(c => c.Method == $"response:{id}");
    }

    private static string[] References(FakeSlack.Call response) =>
        [.. System.Text.RegularExpressions.Regex.Matches(response.Blocks.GetRawText(), @"UPG-\d{8}-\d{4}").Select(m => m.Value).Distinct()];

    [Theory]
    [InlineData("""{"type":"block_actions","team":{"id":"T0TEST01"},"actions":[null]}""")]
    [InlineData("""{"type":"block_actions","team":{"id":"T0TEST01"},"actions":[{"action_id":null}]}""")]
    [InlineData("""{"type":"block_actions","actions":"escalate"}""")]
    [InlineData("""{"type":"view_submission"}""")]
    public async Task An_odd_but_signed_payload_is_acknowledged_and_nothing_is_queued(string payload)
    {
        var response = await _bot.SendAsync("/api/slack/interactions", SlackBot.Form(("payload", payload)), "application/x-www-form-urlencoded");

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}");
        Assert.Equal(0, (await _bot.Inbound.StatsAsync(UpgradeBot.Slack.SlackPlatform.Name)).Pending);
    }
}
