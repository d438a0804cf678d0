namespace UpgradeBot.Slack.Api;

/// <summary>
/// Spaces message posts the way Slack wants them: one per second per channel, a configurable rate
/// across the workspace, and nothing at all while a 429's Retry-After runs. Callers reserve a slot
/// and wait for it on the injected clock, so tests can drive time.
/// </summary>
public sealed class SlackRateLimiter(TimeProvider time, double workspaceMessagesPerSecond)
{
    public static readonly TimeSpan PerChannel = TimeSpan.FromSeconds(1);

    private readonly TimeSpan _workspaceSpacing = TimeSpan.FromSeconds(1 / Math.Max(workspaceMessagesPerSecond, 0.01));
    private readonly Dictionary<string, DateTimeOffset> _channelNext = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Booked workspace slots still ahead (or just behind) now, at least one spacing apart.</summary>
    private readonly SortedSet<DateTimeOffset> _workspaceSlots = [];
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    /// <summary>Waits until a post to <paramref name="channel"/> may go out, and books it.</summary>
    public Task WaitAsync(string channel, CancellationToken cancellationToken)
    {
        var delay = Reserve(channel);
        return delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, time, cancellationToken);
    }

    /// <summary>Waits out a running 429 pause; for calls that have no channel (response_url).</summary>
    public Task WaitOutPauseAsync(CancellationToken cancellationToken)
    {
        TimeSpan delay;
        lock (_gate)
        {
            delay = _pausedUntil - time.GetUtcNow();
        }

        return delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, time, cancellationToken);
    }

    /// <summary>Slack said 429: hold every post until <paramref name="retryAfter"/> has passed.</summary>
    public void Pause(TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var until = time.GetUtcNow() + retryAfter;
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }
        }
    }

    /// <summary>
    /// The delay before this caller's slot: the earliest time after the channel's next slot and any
    /// pause that is one workspace spacing away from every other booking. A channel's queue of
    /// future posts does not hold up other channels.
    /// </summary>
    internal TimeSpan Reserve(string channel)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            _workspaceSlots.RemoveWhere(b => b <= now - _workspaceSpacing);
            var slot = Max(now, Max(_channelNext.GetValueOrDefault(channel, DateTimeOffset.MinValue), _pausedUntil));
            foreach (var booked in _workspaceSlots.GetViewBetween(slot - _workspaceSpacing, DateTimeOffset.MaxValue))
            {
                if (booked >= slot + _workspaceSpacing)
                {
                    break;
                }

                slot = booked + _workspaceSpacing;
            }

            _workspaceSlots.Add(slot);
            _channelNext[channel] = slot + PerChannel;
            return slot - now;
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
