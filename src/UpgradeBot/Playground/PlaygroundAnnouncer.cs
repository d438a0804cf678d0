using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Messaging;
using UpgradeBot.Core.Subscriptions;
using UpgradeBot.Slack;
using UpgradeBot.Teams;

namespace UpgradeBot.Playground;

/// <summary>
/// "Announce now": one kind of announcement about a demo upgrade, worded by the outbox's composer
/// as at the moment it is about, posted through each platform's real messenger into the
/// playground's announcement conversation on that platform, from its stored subscription. Only the
/// playground's own conversations: the demo upgrades never reach the outbox or any other subscriber.
/// </summary>
public sealed class PlaygroundAnnouncer(
    ISubscriptionStore subscriptions,
    IEnumerable<IMessenger> messengers,
    TimingRule timing,
    IOptions<AnnouncementOptions> options,
    TimeProvider time)
{
    /// <summary>A send our own rate limiter holds back is tried again after its wait, up to this many times.</summary>
    private const int MaxTries = 10;

    public static IReadOnlyList<ConversationKey> Conversations { get; } =
    [
        new(TeamsPlatform.Name, PlaygroundConversations.TeamsTenant, PlaygroundConversations.TeamsAnnouncements),
        new(SlackPlatform.Name, PlaygroundConversations.SlackTeam, PlaygroundConversations.SlackAnnouncements),
    ];

    private readonly TimeSpan _reminderLead = options.Value.ReminderLead;
    private readonly AnnouncementComposer _composer = new(timing, options.Value.ReminderLead);
    private readonly Dictionary<string, IMessenger> _messengers = messengers.ToDictionary(m => m.Platform, StringComparer.Ordinal);

    /// <summary>Which of the playground's announcement conversations are subscribed (the page joins the bot to them when it opens).</summary>
    public async Task<IReadOnlyDictionary<string, bool>> SubscribedAsync(CancellationToken cancellationToken)
    {
        var subscribed = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var key in Conversations)
        {
            subscribed[key.Platform] = await subscriptions.GetAsync(key, cancellationToken).ConfigureAwait(false) is { Active: true };
        }

        return subscribed;
    }

    /// <summary>What became of the post on each platform ("sent", or why not).</summary>
    public async Task<IReadOnlyDictionary<string, string>> AnnounceAsync(AnnouncementKind kind, CancellationToken cancellationToken)
    {
        var announcement = Compose(kind, time.GetUtcNow());
        var outcomes = await Task.WhenAll(Conversations.Select(async key => (key.Platform, Outcome: await PostAsync(key, announcement, cancellationToken).ConfigureAwait(false))))
            .ConfigureAwait(false);
        return outcomes.ToDictionary(o => o.Platform, o => o.Outcome, StringComparer.Ordinal);
    }

    /// <summary>The announcement of <paramref name="kind"/> as it would read at the moment it is about.</summary>
    public Announcement Compose(AnnouncementKind kind, DateTimeOffset now)
    {
        var upcoming = DemoUpgrades.Upcoming(now.AddDays(3));
        var running = DemoUpgrades.Running(now);
        return kind switch
        {
            AnnouncementKind.Scheduled => _composer.Compose(upcoming, kind, 0, late: false, now),
            AnnouncementKind.Reminder => _composer.Compose(DemoUpgrades.Upcoming(now + _reminderLead), kind, 0, late: false, now),
            AnnouncementKind.Started => _composer.Compose(running, kind, 0, late: false, now),
            AnnouncementKind.PhaseStarted => _composer.Compose(running, kind, 1, late: false, running.Phases[1].Start),
            AnnouncementKind.Completed => _composer.Compose(DemoUpgrades.Settling(now), kind, 0, late: false, now),
            AnnouncementKind.Rescheduled => _composer.Compose(upcoming with { Revision = 2 }, kind, 0, late: false, now),
            AnnouncementKind.Cancelled => _composer.Compose(upcoming with { Cancelled = true }, kind, 0, late: false, now),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private async Task<string> PostAsync(ConversationKey key, Announcement announcement, CancellationToken cancellationToken)
    {
        if (await subscriptions.GetAsync(key, cancellationToken).ConfigureAwait(false) is not { Active: true } subscription)
        {
            return "not subscribed: open the playground page, which adds the bot to this conversation";
        }

        if (!_messengers.TryGetValue(key.Platform, out var messenger))
        {
            return $"no messenger for {key.Platform}";
        }

        for (var tries = 1; ; tries++)
        {
            var result = await messenger.TrySendAsync(new OutboundMessage(subscription.Address, announcement), cancellationToken).ConfigureAwait(false);
            if (result.IsSent)
            {
                return "sent";
            }

            if (result is { Attempted: false, RetryAfter: { } wait } && tries < MaxTries)
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            return $"{result.Outcome}: {result.Error}";
        }
    }
}
