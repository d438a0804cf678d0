using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Subscriptions;
using UpgradeBot.Testing;
using UpgradeBot.Teams;


namespace UpgradeBot.IntegrationTests;

/// <summary>
/// The whole host with both channels: conversations subscribe the way the platforms tell the bot
/// (Teams installation, Slack member_joined_channel), then one upgrade runs on a fake clock.
/// </summary>
public sealed class AnnouncementDeliveryTests : IAsyncLifetime
{
    private const string Title = "Integration upgrade";
    private static readonly string[] TeamsConversations = ["19:ops-1@thread.tacv2", "19:ops-2@thread.tacv2"];
    private static readonly string[] SlackChannels = ["C0ANNO01", "C0ANNO02"];

    // Near the real time, because Slack signs requests with the wall clock and the bot checks them on this one.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly TempDirectory _temp = new();
    private FakeConnector _connector = null!;
    private FakeSlack _slack = null!;
    private BotHost _host = null!;
    private HttpClient _client = null!;

    private DateTimeOffset Start => _clock.Start.AddMinutes(1);

    private DateTimeOffset End => _clock.Start.AddHours(1);

    public async ValueTask InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _slack = await FakeSlack.StartAsync();
        _host = new BotHost(_temp.File("bot.db"), new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = SlackBot.Secret,
            ["Slack:BotToken"] = FakeSlack.Token,
            ["Slack:ApiBaseUrl"] = _slack.ApiBaseUrl,
            ["Upgrades:0:Id"] = "integration",
            ["Upgrades:0:Title"] = Title,
            ["Upgrades:0:StatusUrl"] = "https://status.example.com/integration",
            ["Upgrades:0:Phases:0:Name"] = "Everywhere",
            ["Upgrades:0:Phases:0:Start"] = Start.ToString("O", CultureInfo.InvariantCulture),
            ["Upgrades:0:Phases:0:End"] = End.ToString("O", CultureInfo.InvariantCulture),
            ["Announcements:Delivery:PollInterval"] = "00:00:01",
        })
        {
            Overrides = services => services.AddSingleton<TimeProvider>(_clock),
        };
        _client = _host.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
        await _connector.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task Each_conversation_gets_one_started_and_one_threaded_completed_and_its_started_post_is_updated()
    {
        await SubscribeAllAsync();
        var slackBefore = _slack.Calls.Count;
        var teamsBefore = _connector.Calls.Count;

        // Up to the start, then only in small steps: the window must not end before every started post is out.
        _clock.SetUtcNow(Start);
        await PumpUntilAsync(() => RowsAsync(AnnouncementKind.Started, AnnouncementState.Sent), n => n == 4);
        _clock.SetUtcNow(End);
        await PumpUntilAsync(() => Task.FromResult(SlackCalls(slackBefore, "chat.update").Count() + TeamsCalls(teamsBefore).Count(c => c.Method == "PUT")), n => n == 4);

        var slackPosts = SlackCalls(slackBefore, "chat.postMessage").ToList();
        foreach (var channel in SlackChannels)
        {
            var posts = slackPosts.Where(c => c.Channel == channel).ToList();
            var started = Assert.Single(posts, p => p.Text!.StartsWith("Upgrade in progress", StringComparison.Ordinal));
            var completed = Assert.Single(posts, p => p.Text!.StartsWith("Upgrade completed", StringComparison.Ordinal));
            Assert.Equal(2, posts.Count);
            Assert.Null(started.ThreadTs);
            var startedTs = await SentMessageIdAsync("slack", channel, AnnouncementKind.Started);
            Assert.Equal(startedTs, completed.ThreadTs);
            var update = Assert.Single(SlackCalls(slackBefore, "chat.update"), u => u.Channel == channel);
            Assert.Equal(startedTs, update.Body.GetProperty("ts").GetString());
            Assert.StartsWith("Upgrade completed", update.Text, StringComparison.Ordinal);

            // Readers see the schedule in their own time zone: Slack formats <!date^…> per reader.
            Assert.Contains("<!date^", started.Blocks.GetRawText(), StringComparison.Ordinal);
            Assert.Contains("<!date^", completed.Blocks.GetRawText(), StringComparison.Ordinal);
        }

        foreach (var conversation in TeamsConversations)
        {
            var calls = TeamsCalls(teamsBefore).Where(c => c.ConversationId.StartsWith(conversation, StringComparison.Ordinal)).ToList();
            var posts = calls.Where(c => c.Method == "POST").ToList();
            Assert.Equal(2, posts.Count);
            var started = Assert.Single(posts, p => p.ConversationId == conversation);
            Assert.Contains("Upgrade in progress", started.Card!.ToJsonString(), StringComparison.Ordinal);
            var startedId = await SentMessageIdAsync("teams", conversation, AnnouncementKind.Started);

            // Teams' reply chain: the reply goes to the conversation id suffixed with the root message's id.
            var completed = Assert.Single(posts, p => p.ConversationId == $"{conversation};messageid={startedId}");
            Assert.Contains("Upgrade completed", completed.Card!.ToJsonString(), StringComparison.Ordinal);
            var update = Assert.Single(calls, c => c.Method == "PUT");
            Assert.Equal(conversation, update.ConversationId);
            Assert.Equal(startedId, update.ActivityId);
            Assert.Contains("Upgrade completed", update.Card!.ToJsonString(), StringComparison.Ordinal);

            // Adaptive Cards format {{DATE(…)}} and {{TIME(…)}} in the reader's time zone.
            Assert.Contains("{{DATE(", started.Card.ToJsonString(), StringComparison.Ordinal);
            Assert.Contains("{{DATE(", completed.Card.ToJsonString(), StringComparison.Ordinal);
        }

        CardOutput.Save("announcement-started", TeamsCalls(teamsBefore).First(c => c.Method == "POST").Card);
        CardOutput.Save("announcement-completed", TeamsCalls(teamsBefore).Last(c => c.Method == "POST").Card);
        Assert.Equal(4, await RowsAsync(AnnouncementKind.Completed, AnnouncementState.Sent));
        Assert.Equal(8, (await Outbox.ListForWindowsAsync(["integration"])).Count);
    }

    private IAnnouncementStore Outbox => _host.Services.GetRequiredService<IAnnouncementStore>();

    private async Task SubscribeAllAsync()
    {
        var activities = new Activities(_connector.ServiceUrl);
        foreach (var conversation in TeamsConversations)
        {
            using var response = await _client.PostAsync(TeamsPlatform.MessagesPath, JsonContent.Create(activities.BotAdded(conversation)));
            response.EnsureSuccessStatusCode();
        }

        foreach (var (channel, i) in SlackChannels.Select((c, i) => (c, i)))
        {
            using var response = await SlackEventAsync(SlackPayloads.Membership($"Ev0JOIN{i}", "member_joined_channel", channel));
            response.EnsureSuccessStatusCode();
        }

        var subscriptions = _host.Services.GetRequiredService<ISubscriptionStore>();
        Assert.Equal(4, (await Eventually.Until(() => subscriptions.ListActiveAsync(), s => s.Count == 4)).Count);

        // The Slack welcomes go out after the subscriptions are stored, spaced by the rate limiter on the
        // fake clock; they must not be taken for announcements.
        await PumpUntilAsync(() => Task.FromResult(_slack.Posts().Count()), n => n == 2);
    }

    private Task<HttpResponseMessage> SlackEventAsync(object envelope)
    {
        var body = JsonSerializer.Serialize(envelope);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/slack/events") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SlackBot.Sign(SlackBot.Secret, timestamp, body));
        return _client.SendAsync(request);
    }

    /// <summary>
    /// Moves the fake clock a little at a time until the outcome is reached, so the dispatcher's timer
    /// and the senders' rate-limit waits run; the limit on real time only guards against hangs.
    /// </summary>
    private async Task PumpUntilAsync(Func<Task<int>> probe, Func<int, bool> done)
    {
        var reached = await Eventually.Until(
            async () =>
            {
                _clock.Advance(TimeSpan.FromMilliseconds(250));
                return await probe();
            },
            done,
            TimeSpan.FromSeconds(60));
        Assert.True(done(reached), $"stopped at {reached}");
    }

    private async Task<int> RowsAsync(AnnouncementKind kind, AnnouncementState state) =>
        (await Outbox.ListForWindowsAsync(["integration"])).Count(r => r.Key.Kind == kind && r.State == state);

    private async Task<string> SentMessageIdAsync(string platform, string channel, AnnouncementKind kind)
    {
        var rows = await Outbox.ListForWindowsAsync(["integration"]);
        var row = Assert.Single(rows, r => r.Key.Kind == kind && r.Key.Conversation.Platform == platform && r.Key.Conversation.ChannelId == channel);
        return Assert.IsType<string>(row.MessageId);
    }

    private IEnumerable<FakeSlack.Call> SlackCalls(int skip, string method) => _slack.Calls.Skip(skip).Where(c => c.Method == method);

    private IEnumerable<ConnectorCall> TeamsCalls(int skip) => _connector.Calls.Skip(skip);
}
