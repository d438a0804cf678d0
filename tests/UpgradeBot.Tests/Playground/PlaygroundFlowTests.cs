using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using UpgradeBot.Core.Announcements;
using UpgradeBot.Testing;

namespace UpgradeBot.Tests.Playground;

/// <summary>
/// The playground's round trips without a browser: requests shaped as the page sends them reach the
/// bot's real endpoints, and what the bot sends back (to the playground's connector and Web API, over
/// a real socket) comes out of the feed, on the demo schedule's default scenario.
/// </summary>
public sealed partial class PlaygroundFlowTests : IAsyncLifetime
{
    private const string Question = "the usage graph on the dashboard looks wrong";

    private readonly TempDirectory _temp = new();
    private BotHost _host = null!;
    private PlaygroundClient _page = null!;

    public async ValueTask InitializeAsync()
    {
        _host = new BotHost(_temp.File("bot.db"), new Dictionary<string, string?> { ["Playground:Enabled"] = null });
        _page = await PlaygroundClient.OpenAsync(_host.StartOnLoopback());
        await _page.JoinAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task A_Teams_question_is_answered_at_the_pages_serviceUrl_and_its_escalate_invoke_gives_a_reference()
    {
        var chat = _page.Teams("chat");
        (await _page.TeamsAsync(_page.Activity(chat, "message", new JsonObject { ["text"] = Question }))).EnsureSuccessStatusCode();

        var answer = await _page.PostAsync(p => PlaygroundClient.Is(p, "teams", chat, "post") && Card(p).Contains("persisting-escalate", StringComparison.Ordinal), "the Teams answer");
        var card = answer.GetProperty("body").GetProperty("attachments")[0].GetProperty("content");
        var escalate = card.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("type").GetString() == "Action.Execute");
        var click = _page.Activity(chat, "invoke", new JsonObject
        {
            ["name"] = "adaptiveCard/action",
            ["replyToId"] = answer.GetProperty("id").GetString(),
            ["value"] = new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = escalate.GetProperty("verb").GetString(), ["data"] = JsonNode.Parse(escalate.GetProperty("data").GetRawText()) },
                ["trigger"] = "manual",
            },
        });
        using var response = await _page.TeamsAsync(click);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var redrawn = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("value").GetRawText();
        var reference = Reference().Match(redrawn).Value;
        Assert.NotEmpty(reference);
        var champions = await _page.PostAsync(p => PlaygroundClient.Is(p, "teams", _page.Teams("champions"), "post") && Card(p).Contains(reference, StringComparison.Ordinal), "the Teams Champions post");
        Assert.Contains(Question, Card(champions), StringComparison.Ordinal);
        await _page.PostAsync(p => PlaygroundClient.Is(p, "slack", _page.Slack("champions"), "post") && p.GetProperty("body").GetRawText().Contains(reference, StringComparison.Ordinal), "the Slack Champions post");
    }

    [Fact]
    public async Task A_Slack_message_is_answered_through_the_playground_Web_API_and_its_click_replaces_the_answer_through_response_url()
    {
        var chat = _page.Slack("chat");
        var user = _page.Session.GetProperty("slack").GetProperty("user").GetProperty("id").GetString();
        (await _page.SlackEventAsync(new JsonObject
        {
            ["type"] = "message",
            ["channel"] = chat,
            ["channel_type"] = "im",
            ["user"] = user,
            ["text"] = Question,
            ["ts"] = "1700000000.000100",
        })).EnsureSuccessStatusCode();

        var answer = await _page.PostAsync(p => PlaygroundClient.Is(p, "slack", chat, "post"), "the Slack answer");
        var button = answer.GetProperty("body").GetProperty("blocks").EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "actions")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray())
            .Single(e => e.GetProperty("action_id").GetString() == "escalate");
        var ts = answer.GetProperty("id").GetString()!;
        (await _page.SlackClickAsync(chat, ts, button)).EnsureSuccessStatusCode();

        var replaced = await _page.PostAsync(p => PlaygroundClient.Is(p, "slack", chat, "update"), "the answer replaced through response_url");
        Assert.Equal(ts, replaced.GetProperty("id").GetString());
        var reference = Reference().Match(replaced.GetProperty("body").GetRawText()).Value;
        Assert.NotEmpty(reference);
        await _page.PostAsync(p => PlaygroundClient.Is(p, "teams", _page.Teams("champions"), "post") && Card(p).Contains(reference, StringComparison.Ordinal), "the Teams Champions post");
    }

    [Fact]
    public async Task Announce_now_posts_every_kind_through_both_messengers_into_the_playground_channels()
    {
        foreach (var kind in Enum.GetValues<AnnouncementKind>())
        {
            using var response = await _host.CreateClient().PostAsJsonAsync("/playground/announce", new { kind = kind.ToWire() });

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var posted = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("posted");
            Assert.Equal("sent", posted.GetProperty("teams").GetString());
            Assert.Equal("sent", posted.GetProperty("slack").GetString());
        }

        var teams = await _page.PostAsync(p => PlaygroundClient.Is(p, "teams", _page.Teams("announcements"), "post") && Card(p).Contains("Upgrade in progress", StringComparison.Ordinal), "the Teams started post");
        var slack = await _page.PostAsync(p => PlaygroundClient.Is(p, "slack", _page.Slack("announcements"), "post") && p.GetProperty("body").GetProperty("text").GetString()!.StartsWith("Upgrade in progress", StringComparison.Ordinal), "the Slack started post");
        Assert.Contains("{{DATE(", Card(teams), StringComparison.Ordinal);
        Assert.Contains("<!date^", slack.GetProperty("body").GetProperty("blocks").GetRawText(), StringComparison.Ordinal);
        foreach (var headline in new[] { "Upgrade scheduled", "Upgrade starts soon", "Next phase started", "Upgrade completed", "Upgrade rescheduled", "Upgrade cancelled" })
        {
            await _page.PostAsync(p => PlaygroundClient.Is(p, "teams", _page.Teams("announcements"), "post") && Card(p).Contains(headline, StringComparison.Ordinal), $"Teams: {headline}");
            await _page.PostAsync(p => PlaygroundClient.Is(p, "slack", _page.Slack("announcements"), "post") && p.GetProperty("body").GetProperty("text").GetString()!.StartsWith(headline, StringComparison.Ordinal), $"Slack: {headline}");
        }
    }

    private static string Card(JsonElement post) =>
        post.GetProperty("body").TryGetProperty("attachments", out var attachments) ? attachments.GetRawText() : string.Empty;

    [GeneratedRegex(@"UPG-\d{8}-\d{4}")]
    private static partial Regex Reference();
}
