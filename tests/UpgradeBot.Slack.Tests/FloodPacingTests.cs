using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using UpgradeBot.Core.Inbound;
using UpgradeBot.Slack.Inbound;
using UpgradeBot.Storage.Sqlite;
using UpgradeBot.Testing;

namespace UpgradeBot.Slack.Tests;

/// <summary>
/// A workspace that sends more than its cap lets the bot answer: its new events wait in the queue
/// for slots of their own instead of being claimed on arrival and put back, and other workspaces
/// are answered at once meanwhile.
/// </summary>
public sealed class FloodPacingTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task New_questions_of_a_workspace_held_back_by_its_cap_wait_for_slots_of_their_own_while_other_events_and_workspaces_are_handled_at_once()
    {
        var claims = new ClaimLog();
        await using var bot = await SlackBot.StartAsync(
            new Dictionary<string, string?>
            {
                // One post every 100 s per workspace, and none held back in a slot to wait for it.
                ["Slack:WorkspaceMessagesPerSecond"] = "0.01",
                ["Slack:MaxSendWait"] = "00:00:00",
            },
            services: s =>
            {
                s.AddSingleton<SqliteInboundEventStore>();
                s.AddSingleton<IInboundEventStore>(sp => claims.Around(sp.GetRequiredService<SqliteInboundEventStore>()));
            });
        var flood = SlackPayloads.Origin.Of(await bot.InstallNewAsync("T0FLOOD01", "Flood Hosting"));
        var quiet = SlackPayloads.Origin.Of(await bot.InstallNewAsync("T0QUIET01", "Quiet Backup"));
        var pacing = bot.Host.Services.GetRequiredService<SlackInboundPacing>();

        await bot.EventAsync(SlackPayloads.Mention("Ev0FLOOD00", "C0FLOOD00", "usage graph broken", from: flood));
        await bot.ProcessedAsync("Ev0FLOOD00");
        var started = DateTimeOffset.UtcNow;
        await bot.EventAsync(SlackPayloads.Mention("Ev0FLOOD01", "C0FLOOD01", "usage graph broken", from: flood));
        // The worker meets the cap with this one: back to the queue, and the workspace is held back.
        await Eventually.Until(() => Task.FromResult(pacing.NextCheck(DateTimeOffset.UtcNow)), next => next is not null, what: "the workspace held back");

        string[] later = ["Ev0FLOOD02", "Ev0FLOOD03", "Ev0FLOOD04", "Ev0FLOOD05"];
        foreach (var id in later)
        {
            await bot.EventAsync(SlackPayloads.Mention(id, $"C{id[2..]}", "usage graph broken", from: flood));
        }

        await bot.EventAsync(SlackPayloads.Mention("Ev0QUIET01", "C0QUIET01", "usage graph broken", from: quiet));
        await bot.ProcessedAsync("Ev0QUIET01");
        // What needs no post does not wait for a slot: someone else joining a channel of the held workspace.
        await bot.EventAsync(SlackPayloads.Membership("Ev0FLOODJN", "member_joined_channel", "C0FLOOD09", user: "U0SOMEONE", from: flood));
        await bot.ProcessedAsync("Ev0FLOODJN");

        Assert.Single(bot.Slack.Posts(), c => c.Channel == "C0QUIET01");
        Assert.Single(bot.Slack.Posts(), c => c.Channel == "C0FLOOD00");
        Assert.Empty(claims.Of(later));
        // Each waits for its own slot, one workspace spacing (100 s) after the one before, behind the held-back event.
        Assert.Empty(await bot.Inbound.ClaimDueAsync(SlackPlatform.Name, DateTimeOffset.UtcNow, Lease, 100));
        var dueByTheLastSlot = await bot.Inbound.ClaimDueAsync(SlackPlatform.Name, started.AddSeconds(100 + (later.Length * 100) + 60), Lease, 100);
        Assert.Equal(["Ev0FLOOD01", .. later], dueByTheLastSlot.Select(e => e.EventId));
        Assert.All(dueByTheLastSlot, e => Assert.Equal("T0FLOOD01", e.TenantId));
    }

    /// <summary>The inbound store as the bot uses it, remembering which events the worker claimed.</summary>
    private sealed class ClaimLog
    {
        private readonly ConcurrentBag<string> _claimed = [];

        public IEnumerable<string> Of(IEnumerable<string> ids) => ids.Where(_claimed.Contains);

        public IInboundEventStore Around(IInboundEventStore store) => new Recording(store, this);

        private sealed class Recording(IInboundEventStore store, ClaimLog log) : IInboundEventStore
        {
            public Task<bool> TryEnqueueAsync(string platform, string tenantId, string eventId, string lane, string payload, DateTimeOffset receivedAt, CancellationToken cancellationToken = default) =>
                store.TryEnqueueAsync(platform, tenantId, eventId, lane, payload, receivedAt, cancellationToken);

            public Task<bool> TryEnqueueAsync(string platform, string tenantId, string eventId, string lane, string payload, DateTimeOffset receivedAt, DateTimeOffset? dueAt, CancellationToken cancellationToken = default) =>
                store.TryEnqueueAsync(platform, tenantId, eventId, lane, payload, receivedAt, dueAt, cancellationToken);

            public async Task<IReadOnlyList<InboundEvent>> ClaimDueAsync(string platform, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default)
            {
                var claimed = await store.ClaimDueAsync(platform, now, lease, max, cancellationToken);
                foreach (var item in claimed)
                {
                    log._claimed.Add(item.EventId);
                }

                return claimed;
            }

            public Task ReleaseAsync(string platform, string eventId, DateTimeOffset until, bool refundAttempt, CancellationToken cancellationToken = default) =>
                store.ReleaseAsync(platform, eventId, until, refundAttempt, cancellationToken);

            public Task MarkProcessedAsync(string platform, string eventId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
                store.MarkProcessedAsync(platform, eventId, at, cancellationToken);

            public Task<bool> IsProcessedAsync(string platform, string eventId, CancellationToken cancellationToken = default) =>
                store.IsProcessedAsync(platform, eventId, cancellationToken);

            public Task<InboundQueueStats> StatsAsync(string platform, CancellationToken cancellationToken = default) =>
                store.StatsAsync(platform, cancellationToken);
        }
    }
}
