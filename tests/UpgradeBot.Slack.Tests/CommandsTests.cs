using System.Net;
using System.Text.Json;
using UpgradeBot.Testing;

namespace UpgradeBot.Slack.Tests;

public sealed class CommandsTests : IAsyncLifetime
{
    private SlackBot _bot = null!;

    /// <summary>An upgrade in progress, so status and answers carry upgrade facts.</summary>
    public async ValueTask InitializeAsync() => _bot = await SlackBot.StartAsync(new Dictionary<string, string?>
    {
        ["Upgrades:0:Id"] = "2026-q4",
        ["Upgrades:0:Title"] = "Public cloud upgrade Q4",
        ["Upgrades:0:StatusUrl"] = "https://status.example.com/q4",
        ["Upgrades:0:Phases:0:Name"] = "Phase 1",
        ["Upgrades:0:Phases:0:Start"] = DateTimeOffset.UtcNow.AddDays(-1).ToString("O"),
        ["Upgrades:0:Phases:0:End"] = DateTimeOffset.UtcNow.AddDays(1).ToString("O"),
    });

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    [Theory]
    [InlineData("help")]
    [InlineData("")]
    [InlineData("status")]
    [InlineData("usage graph broken")]
    public async Task Help_status_and_questions_are_answered_ephemerally(string text)
    {
        var answer = await CommandAsync(text);

        Assert.Equal("ephemeral", answer.GetProperty("response_type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(answer.GetProperty("text").GetString()));
        Assert.NotEmpty(answer.GetProperty("blocks").EnumerateArray());
    }

    [Fact]
    public async Task Status_shows_the_upgrade_in_each_readers_local_time_with_the_status_link()
    {
        var blocks = (await CommandAsync("status")).GetProperty("blocks").GetRawText();

        Assert.Matches(@"<!date\^\d+\^{date_short_pretty} {time}\|\d{4}-\d\d-\d\d \d\d:\d\d UTC>", blocks);
        Assert.Contains("<https://status.example.com/q4|Service Status Updates>", blocks, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_and_unsubscribe_are_said_in_the_channel_and_stored()
    {
        var subscribed = await CommandAsync("subscribe", channel: "C0SUBS01");

        Assert.Equal("in_channel", subscribed.GetProperty("response_type").GetString());
        Assert.True((await _bot.Subscriptions.GetAsync(SlackPlatform.Key(FakeSlack.TeamId, "C0SUBS01")))?.Active);

        var unsubscribed = await CommandAsync("unsubscribe", channel: "C0SUBS01");

        Assert.Equal("in_channel", unsubscribed.GetProperty("response_type").GetString());
        Assert.False((await _bot.Subscriptions.GetAsync(SlackPlatform.Key(FakeSlack.TeamId, "C0SUBS01")))?.Active);
    }

    private async Task<JsonElement> CommandAsync(string text, string channel = "C0CMD001")
    {
        var response = await _bot.CommandAsync(text, channel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        PayloadFiles.Save("command", body);
        return body;
    }
}
