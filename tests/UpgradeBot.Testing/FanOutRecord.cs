using System.Collections.Concurrent;
using System.Diagnostics;

namespace UpgradeBot.Testing;

/// <summary>What a limit-enforcing fake saw: accepted posts per conversation with their text, 429s, and when the first and last post came.</summary>
public sealed class FanOutRecord
{
    private long _first;
    private long _last;
    private int _rejected;
    private int _inFlight;

    /// <summary>Accepted posts, in arrival order: the conversation and the message's text (Slack) or body (Teams).</summary>
    public ConcurrentQueue<(string Conversation, string Text)> Posts { get; } = new();

    public ConcurrentDictionary<string, int> Accepted { get; } = new(StringComparer.Ordinal);

    /// <summary>How many requests were answered 429.</summary>
    public int Rejected => Volatile.Read(ref _rejected);

    public int PostCount => Posts.Count;

    /// <summary>Requests that arrived and are not answered yet (the fake's latency holds each one).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Requests answered 429, per conversation.</summary>
    public ConcurrentDictionary<string, int> RejectedBy { get; } = new(StringComparer.Ordinal);

    /// <summary>From the first post that arrived to the last one accepted.</summary>
    public TimeSpan Span => Stopwatch.GetElapsedTime(Interlocked.Read(ref _first), Interlocked.Read(ref _last));

    /// <summary>From the first post that reached any of <paramref name="records"/> to the last one any accepted.</summary>
    public static TimeSpan Overall(params FanOutRecord[] records) =>
        Stopwatch.GetElapsedTime(records.Min(r => Interlocked.Read(ref r._first)), records.Max(r => Interlocked.Read(ref r._last)));

    public void Arrived(long now)
    {
        Interlocked.CompareExchange(ref _first, now, 0);
        Interlocked.Increment(ref _inFlight);
    }

    public void Accept(string conversation, string text, long now)
    {
        Posts.Enqueue((conversation, text));
        Accepted.AddOrUpdate(conversation, 1, (_, n) => n + 1);
        Interlocked.Exchange(ref _last, now);
        Interlocked.Decrement(ref _inFlight);
    }

    public void Reject(string conversation)
    {
        RejectedBy.AddOrUpdate(conversation, 1, (_, n) => n + 1);
        Interlocked.Increment(ref _rejected);
        Interlocked.Decrement(ref _inFlight);
    }
}
