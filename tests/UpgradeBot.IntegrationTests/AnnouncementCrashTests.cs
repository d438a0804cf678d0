using System.Globalization;
using Microsoft.Data.Sqlite;
using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Subscriptions;
using UpgradeBot.Slack;
using UpgradeBot.Storage;
using UpgradeBot.Testing;
using UpgradeBot.Storage.Sqlite;

namespace UpgradeBot.IntegrationTests;

/// <summary>
/// The host as a real process, killed with SIGKILL in the middle of a fan-out and started again on
/// the same database: the outbox must finish the job, and only posts in flight at the kill may repeat.
/// </summary>
public sealed class AnnouncementCrashTests : IAsyncLifetime
{
    private const int Channels = 1_000;
    private const int KillAfterPosts = 300;
    private const int MaxConcurrency = 8;
    private const string WindowId = "crash";

    private readonly TempDirectory _temp = new();
    private FakeSlack _slack = null!;
    private SqliteConnectionFactory _database = null!;

    public async ValueTask InitializeAsync()
    {
        // Slow enough that posts are in flight when the process dies, as with the real Slack.
        _slack = await FakeSlack.StartAsync();
        _slack.PostDelay = TimeSpan.FromMilliseconds(40);
        _slack.SavePayloads = false;
        _database = new SqliteConnectionFactory($"Data Source={_temp.File("bot.db")}", _temp.Path);
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await _slack.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task Fan_out_killed_midway_reaches_every_channel_after_restart_repeating_only_posts_in_flight()
    {
        var now = DateTimeOffset.UtcNow;
        await SubscribeChannelsAsync(now.AddMinutes(-5));
        var environment = Environment(now);

        int postsAtKill;
        using (var first = BotProcess.Start(environment))
        {
            postsAtKill = await Eventually.Until(() => Task.FromResult(_slack.Posts().Count()), n => n >= KillAfterPosts, TimeSpan.FromSeconds(60));
            Assert.True(postsAtKill >= KillAfterPosts, $"the first process posted only {postsAtKill}:{System.Environment.NewLine}{first.Output}");
            first.Kill();
            postsAtKill = _slack.Posts().Count();
        }

        Assert.True(postsAtKill < Channels, "the process finished before it was killed; nothing was tested");

        var outbox = new AnnouncementStore(_database);
        using (var second = BotProcess.Start(environment))
        {
            var rows = await Eventually.Until(
                () => outbox.ListForWindowsAsync([WindowId]),
                r => r.Count == Channels && r.All(row => row.State == AnnouncementState.Sent),
                TimeSpan.FromSeconds(60));
            Assert.True(rows.Count(r => r.State == AnnouncementState.Sent) == Channels, $"sent {rows.Count(r => r.State == AnnouncementState.Sent)} of {Channels}:{System.Environment.NewLine}{second.Output}");
        }

        var posts = _slack.Posts().ToList();
        Assert.All(posts, p => Assert.StartsWith("Upgrade in progress", p.Text, StringComparison.Ordinal));
        var perChannel = posts.GroupBy(p => p.Channel).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(Channels, perChannel.Count);
        var duplicates = posts.Count - Channels;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"killed after {postsAtKill} posts received; {posts.Count} posts for {Channels} channels: {duplicates} sent twice (limit {MaxConcurrency}, the sends in flight)");
        Assert.InRange(duplicates, 0, MaxConcurrency);
        Assert.All(perChannel.Values, n => Assert.InRange(n, 1, 2));
    }

    /// <summary>Subscriptions written straight into the database, as a thousand earlier joins would have left them.</summary>
    private async Task SubscribeChannelsAsync(DateTimeOffset at)
    {
        await new StoreLifecycle(_database, TimeProvider.System).MigrateAsync();
        var subscriptions = new SubscriptionStore(_database);
        for (var i = 0; i < Channels; i++)
        {
            var channel = string.Create(CultureInfo.InvariantCulture, $"C{i:D8}");
            await subscriptions.SubscribeAsync(new ConversationKey(SlackPlatform.Name, FakeSlack.TeamId, channel), new SlackConversation(FakeSlack.TeamId, channel).Serialize(), null, at);
        }
    }

    /// <summary>
    /// A window that starts now; rate limits out of the way (one post per channel, a workspace rate
    /// far above the fake's pace) and a short claim lease so the second process takes over quickly.
    /// </summary>
    private Dictionary<string, string> Environment(DateTimeOffset now) => new()
    {
        ["Storage__ConnectionString"] = $"Data Source={_temp.File("bot.db")}",
        ["Slack__SigningSecret"] = SlackBot.Secret,
        ["Slack__BotToken"] = FakeSlack.Token,
        ["Slack__ApiBaseUrl"] = _slack.ApiBaseUrl,
        ["Slack__WorkspaceMessagesPerSecond"] = "100000",
        ["Announcements__MaxConcurrency"] = MaxConcurrency.ToString(CultureInfo.InvariantCulture),
        ["Announcements__ClaimLease"] = "00:00:03",
        ["Announcements__Delivery__PollInterval"] = "00:00:00.200",
        ["Upgrades__0__Id"] = WindowId,
        ["Upgrades__0__Title"] = "Crash test upgrade",
        ["Upgrades__0__StatusUrl"] = "https://status.example.com/crash",
        ["Upgrades__0__Phases__0__Name"] = "Everywhere",
        ["Upgrades__0__Phases__0__Start"] = now.ToString("O", CultureInfo.InvariantCulture),
        ["Upgrades__0__Phases__0__End"] = now.AddHours(1).ToString("O", CultureInfo.InvariantCulture),
        ["Logging__LogLevel__Default"] = "Warning",
    };
}
