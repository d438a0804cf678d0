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
    private DateTimeOffset _workspaceNext = DateTimeOffset.MinValue;
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

    /// <summary>The delay before this caller's slot; books the channel and workspace slots under one lock.</summary>
    internal TimeSpan Reserve(string channel)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var channelNext = _channelNext.GetValueOrDefault(channel, DateTimeOffset.MinValue);
            var slot = Max(now, Max(channelNext, Max(_workspaceNext, _pausedUntil)));
            _channelNext[channel] = slot + PerChannel;
            _workspaceNext = slot + _workspaceSpacing;
            return slot - now;
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
