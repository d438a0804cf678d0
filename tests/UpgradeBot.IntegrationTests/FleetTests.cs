using System.Globalization;
using System.Net;
using System.Text.Json;
using UpgradeBot.Core.Announcements;
using UpgradeBot.Slack;
using UpgradeBot.Storage;
using UpgradeBot.Storage.Postgres;
using UpgradeBot.Testing;

namespace UpgradeBot.IntegrationTests;

/// <summary>
/// Several instances of the host on one PostgreSQL database, as real processes against fakes that
/// enforce the platforms' limits: they share the work, keep the limits as one app, hand a dead
/// instance's work on, and answer a Slack event once whichever instance it reaches.
/// </summary>
public sealed class FleetTests
{
    private const int Workspaces = 10;
    private const int ChannelsPerWorkspace = 100;
    private const int Tenants = 4;
    private const int ConversationsPerTenant = 50;
    private const int MaxConcurrency = 16;
    private const int KillAfterPosts = 300;

    /// <summary>The fakes' caps; the bot is configured below them, as an operator would, so a fleet that kept them per process would trip them.</summary>
    private const int WorkspaceCap = 40;
    private const int TenantCap = 40;
    private const int BotRate = 20;

    private const string Title = "Fleet test upgrade";

    [Fact]
    public async Task Three_hosts_fan_out_once_per_conversation_within_the_limits_when_one_is_killed_midway()
    {
        PostgresServer.Require();
        // Slow enough that posts are in flight when a host dies, as with the real platforms.
        await using var slack = await LimitedSlack.StartAsync(WorkspaceCap, TimeSpan.FromMilliseconds(50));
        await using var teams = await LimitedConnector.StartAsync(TenantCap, TimeSpan.FromMilliseconds(50));
        await using var fleet = await Fleet.StartAsync(3, new Dictionary<string, string>(AddToSlack.Settings(slack))
        {
            ["Slack__WorkspaceMessagesPerSecond"] = BotRate.ToString(CultureInfo.InvariantCulture),
            ["Teams__TenantSendsPerSecond"] = BotRate.ToString(CultureInfo.InvariantCulture),
            ["Announcements__MaxConcurrency"] = MaxConcurrency.ToString(CultureInfo.InvariantCulture),
            ["Announcements__ClaimLease"] = "00:00:03",
            ["Announcements__Delivery__PollInterval"] = "00:00:00.200",
        });

        var clock = System.Diagnostics.Stopwatch.StartNew();
        // The workspaces install through the hosts in turn and are served by all: they share the database and the key ring that encrypts the tokens in it.
        await AddToSlack.InstallAsync([.. fleet.Clients.Select(c => c.BaseAddress!)], Enumerable.Range(0, Workspaces).Select(LimitedSlack.Team), cancellationToken: TestContext.Current.CancellationToken);
        await SubscribeSlackChannelsAsync(fleet);
        await SubscribeTeamsConversationsAsync(fleet, teams.ServiceUrl);
        var subscribed = clock.Elapsed;
        await using var database = new PostgresDatabase(fleet.Database);
        Assert.Equal(Workspaces * ChannelsPerWorkspace + Tenants * ConversationsPerTenant, (await new SubscriptionStore(database).ListActiveAsync()).Count);
        var teamsRepliesBefore = teams.Record.PostCount;

        await Fleet.ScheduleAsync(fleet.Clients[1], "fleet", Title);
        var postsAtKill = await Eventually.Until(() => Task.FromResult(slack.Record.PostCount), n => n >= KillAfterPosts, TimeSpan.FromSeconds(60), "the fan-out to be under way");
        fleet.Hosts[0].Kill();
        postsAtKill = slack.Record.PostCount;
        Assert.True(postsAtKill < Workspaces * ChannelsPerWorkspace, "the fan-out finished before a host was killed; nothing was tested");

        var outbox = new AnnouncementStore(database);
        var rows = await Eventually.Until(
            () => outbox.ListForWindowsAsync(["fleet"]),
            r => r.Count == Workspaces * ChannelsPerWorkspace + Tenants * ConversationsPerTenant && r.All(row => row.State == AnnouncementState.Sent),
            TimeSpan.FromSeconds(90),
            "every announcement sent");
        Assert.All(rows, r => Assert.Equal(AnnouncementKind.Started, r.Key.Kind));
        var fannedOut = clock.Elapsed - subscribed;

        var slackPosts = slack.Record.Posts.ToList();
        Assert.All(slackPosts, p => Assert.StartsWith("Upgrade in progress", p.Text, StringComparison.Ordinal));
        var teamsPosts = teams.Record.Posts.Skip(teamsRepliesBefore).ToList();
        Assert.All(teamsPosts, p => Assert.Contains(Title, p.Text, StringComparison.Ordinal));
        var perSlackChannel = slackPosts.GroupBy(p => p.Conversation).ToDictionary(g => g.Key, g => g.Count());
        var perTeamsConversation = teamsPosts.GroupBy(p => p.Conversation).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Workspaces * ChannelsPerWorkspace, perSlackChannel.Count);
        Assert.Equal(Tenants * ConversationsPerTenant, perTeamsConversation.Count);
        var duplicates = slackPosts.Count + teamsPosts.Count - perSlackChannel.Count - perTeamsConversation.Count;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"subscribed in {subscribed.TotalSeconds:F1} s, fanned out in {fannedOut.TotalSeconds:F1} s; killed host-0 after {postsAtKill} Slack posts; {slackPosts.Count} Slack and {teamsPosts.Count} Teams posts for {perSlackChannel.Count + perTeamsConversation.Count} conversations: " +
            $"{duplicates} sent twice (at most {MaxConcurrency}, the killed host's sends in flight); 429s: Slack {slack.Record.Rejected}, Teams {teams.Record.Rejected}; Slack calls with a wrong token: {slack.WrongTokens}");
        Assert.InRange(duplicates, 0, MaxConcurrency);

        // Three hosts at 20 a second each would be 60 a second per workspace and tenant, over the caps of 40.
        Assert.Equal(0, slack.Record.Rejected);
        // Every post went with its own workspace's token.
        Assert.Equal(0, slack.WrongTokens);
        Assert.Equal(0, teams.Record.Rejected);
    }

    [Fact]
    public async Task A_slack_event_retried_to_another_host_is_answered_once()
    {
        PostgresServer.Require();
        await using var slack = await FakeSlack.StartAsync();
        slack.SavePayloads = false;
        await using var fleet = await Fleet.StartAsync(2, new Dictionary<string, string>
        {
            ["Slack__BotToken"] = FakeSlack.Token,
            ["Slack__ApiBaseUrl"] = slack.ApiBaseUrl,
            ["Slack__InboundPollInterval"] = "00:00:00.200",
        });
        var body = JsonSerializer.Serialize(SlackPayloads.Mention("Ev0FLEET1", "C0FLEET1", "is the usage graph wrong?", ts: "1700000200.000100"));

        // Slack retries when the first delivery's ack is slow: the retry lands on the other instance, often while the first is still being handled.
        var first = Fleet.Signed("/api/slack/events", body, "application/json");
        var retry = Fleet.Signed("/api/slack/events", body, "application/json");
        retry.Headers.Add("X-Slack-Retry-Num", "1");
        retry.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        var answers = await Task.WhenAll(fleet.Clients[0].SendAsync(first), fleet.Clients[1].SendAsync(retry));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        await using var database = new PostgresDatabase(fleet.Database);
        await Eventually.Until(() => new PostgresInboundEventStore(database).IsProcessedAsync(SlackPlatform.Name, "Ev0FLEET1"), done => done, what: "the event handled");
        var answer = Assert.Single(slack.Posts(), p => p.ThreadTs == "1700000200.000100");
        Assert.Equal("C0FLEET1", answer.Channel);
    }

    /// <summary>Each channel types <c>/upgrade subscribe</c>; the commands are spread over the hosts, eight at a time.</summary>
    private static async Task SubscribeSlackChannelsAsync(Fleet fleet)
    {
        var channels = Enumerable.Range(0, Workspaces).SelectMany(w => Enumerable.Range(0, ChannelsPerWorkspace).Select(c => (Team: LimitedSlack.Team(w), Channel: LimitedSlack.Channel(w, c))));
        await Parallel.ForEachAsync(channels.Select((c, i) => (c.Team, c.Channel, Host: i % fleet.Clients.Count)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (c, token) =>
        {
            using var response = await fleet.Clients[c.Host].SendAsync(Fleet.Subscribe(c.Team, c.Channel), token);
            var text = await response.Content.ReadAsStringAsync(token);
            Assert.True(response.IsSuccessStatusCode && text.Contains("Subscribed", StringComparison.Ordinal), $"{c.Channel}: {(int)response.StatusCode} {text}{Environment.NewLine}{fleet.Output}");
        });
    }

    /// <summary>
    /// Someone says "subscribe" to the bot in each Teams channel, spread over the hosts. Each answer is
    /// a reply the connector counts against its limits, so the requests are paced below the tenant cap.
    /// </summary>
    private static async Task SubscribeTeamsConversationsAsync(Fleet fleet, string serviceUrl)
    {
        var activities = new Activities(serviceUrl);
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(1000.0 / (Tenants * BotRate / 2)));
        var sent = 0;
        for (var c = 0; c < ConversationsPerTenant; c++)
        {
            for (var t = 0; t < Tenants; t++)
            {
                await pace.WaitForNextTickAsync();
                var activity = activities.Channel("subscribe", mention: true, conversationId: LimitedConnector.Conversation(t, c));
                activity["conversation"]!["tenantId"] = LimitedConnector.Tenant(t);
                activity["channelData"]!["tenant"]!["id"] = LimitedConnector.Tenant(t);
                using var response = await fleet.Clients[sent++ % fleet.Clients.Count].PostAsync(
                    "/api/messages", new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
                Assert.True(response.IsSuccessStatusCode, $"Teams conversation {c} of tenant {t}: {(int)response.StatusCode}{Environment.NewLine}{fleet.Output}");
            }
        }
    }
}
