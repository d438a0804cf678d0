using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Configuration;
using UpgradeBot.Core.Schedule;
using UpgradeBot.Core.Subscriptions;
using UpgradeBot.Storage;
using UpgradeBot.Storage.Sqlite;
using UpgradeBot.Testing;

namespace UpgradeBot.Tests.Announcements;

/// <summary>
/// The announcement outbox over a real SQLite file on a fake clock, with a test messenger per platform.
/// <see cref="Restart"/> builds a new outbox on the same database, as a new process would.
/// </summary>
public sealed class OutboxRig : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _temp = new();
    private readonly SqliteConnectionFactory _database;

    private OutboxRig(AnnouncementOptions options)
    {
        Options = options;
        _database = new SqliteConnectionFactory($"Data Source={_temp.File("bot.db")}", _temp.Path);
        Windows = new UpgradeWindowStore(_database);
        Subscriptions = new SubscriptionStore(_database);
        Outbox = new AnnouncementStore(_database);
        Dispatcher = Restart();
    }

    public AnnouncementOptions Options { get; }

    public FakeTimeProvider Time { get; } = new(T0);

    public UpgradeWindowStore Windows { get; }

    public SubscriptionStore Subscriptions { get; }

    public AnnouncementStore Outbox { get; }

    public TestMessenger Slack { get; } = new("slack");

    public TestMessenger Teams { get; } = new("teams");

    public AnnouncementOutbox Dispatcher { get; private set; }

    public static async Task<OutboxRig> StartAsync(AnnouncementOptions? options = null)
    {
        var rig = new OutboxRig(options ?? new AnnouncementOptions
        {
            Delivery = new DeliveryOptions { MaxAttempts = 4, FirstRetryDelay = TimeSpan.FromSeconds(5), MaxRetryDelay = TimeSpan.FromSeconds(20), PollInterval = TimeSpan.FromSeconds(2) },
        });
        await new StoreLifecycle(rig._database, rig.Time).MigrateAsync();
        return rig;
    }

    public AnnouncementOutbox Restart()
    {
        var timing = new TimingRule(new BusinessCalendar(TimeZoneInfo.Utc, BusinessCalendar.MondayToFriday, []), 1, 14);
        Dispatcher = new AnnouncementOutbox(
            new FixedStoreSchedule(Windows),
            Subscriptions,
            Outbox,
            [Slack, Teams],
            timing,
            Options,
            Time,
            NullLogger<AnnouncementOutbox>.Instance);
        return Dispatcher;
    }

    public Task SubscribeAsync(string platform, string channel) =>
        Subscriptions.SubscribeAsync(new ConversationKey(platform, "T1", channel), "{}", channel, Time.GetUtcNow());

    /// <summary>A window of two one-hour phases with a gap of one hour, starting <paramref name="in"/> from now.</summary>
    public async Task<UpgradeWindow> AddWindowAsync(TimeSpan @in, string id = "2027-03")
    {
        var start = Time.GetUtcNow() + @in;
        var window = new UpgradeWindow(id, $"Upgrade {id}", [new UpgradePhase("Europe", start, start.AddHours(1)), new UpgradePhase("Americas", start.AddHours(2), start.AddHours(3))]);
        await Windows.UpsertAsync(window, UpgradeSource.Admin, Time.GetUtcNow());
        return window;
    }

    /// <summary>Moves the clock and runs the step once, as the background loop would.</summary>
    public Task AtAsync(DateTimeOffset at)
    {
        Time.SetUtcNow(at);
        return Dispatcher.RunOnceAsync(CancellationToken.None);
    }

    public Task AfterAsync(TimeSpan span) => AtAsync(Time.GetUtcNow() + span);

    /// <summary>The windows as the store has them, as the service's schedule reads them.</summary>
    private sealed class FixedStoreSchedule(IUpgradeWindowStore store) : IUpgradeSchedule
    {
        public Task<IReadOnlyList<UpgradeWindow>> GetWindowsAsync(CancellationToken cancellationToken = default) => store.ListAsync(cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }
}
