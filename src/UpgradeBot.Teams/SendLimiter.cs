using System.Collections.Concurrent;

namespace UpgradeBot.Teams;

/// <summary>
/// Keeps proactive sends inside Teams' limits: per bot and conversation 7 in 1 s, 8 in 2 s, 60 in
/// 30 s and 1,800 an hour; per tenant a configured rate. Waiting uses the injected clock.
/// </summary>
internal sealed class SendLimiter(TeamsOptions options, TimeProvider time)
{
    private static readonly (int Limit, TimeSpan Window)[] ConversationLimits =
    [
        (7, TimeSpan.FromSeconds(1)),
        (8, TimeSpan.FromSeconds(2)),
        (60, TimeSpan.FromSeconds(30)),
        (1_800, TimeSpan.FromHours(1)),
    ];

    private readonly ConcurrentDictionary<string, SlidingWindow[]> _conversations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SlidingWindow> _tenants = new(StringComparer.Ordinal);

    public async Task WaitAsync(string tenantId, string conversationId, CancellationToken cancellationToken)
    {
        var tenant = _tenants.GetOrAdd(tenantId, id => new SlidingWindow(Math.Max(1, options.SendsPerSecondFor(id)), TimeSpan.FromSeconds(1)));
        await tenant.WaitAsync(time, cancellationToken).ConfigureAwait(false);
        var windows = _conversations.GetOrAdd(conversationId, _ => [.. ConversationLimits.Select(l => new SlidingWindow(l.Limit, l.Window))]);
        foreach (var window in windows)
        {
            await window.WaitAsync(time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>At most <paramref name="limit"/> admissions in any <paramref name="window"/>.</summary>
    private sealed class SlidingWindow(int limit, TimeSpan window)
    {
        private readonly Queue<DateTimeOffset> _admitted = new();
        private readonly SemaphoreSlim _gate = new(1, 1);

        public async Task WaitAsync(TimeProvider time, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                while (true)
                {
                    var now = time.GetUtcNow();
                    while (_admitted.Count > 0 && now - _admitted.Peek() >= window)
                    {
                        _admitted.Dequeue();
                    }

                    if (_admitted.Count < limit)
                    {
                        _admitted.Enqueue(now);
                        return;
                    }

                    await Task.Delay(window - (now - _admitted.Peek()), time, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
