using System.Collections.Concurrent;
using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Messaging;

namespace UpgradeBot.Tests.Announcements;

/// <summary>
/// A stand-in for the Teams and Slack messengers: records every post and update, and answers with
/// whatever the test queued for a channel (sent, when nothing is queued).
/// </summary>
public sealed class TestMessenger(string platform) : IMessenger
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<SendResult>> _scripted = new();
    private int _ids;

    public string Platform { get; } = platform;

    public ConversationAddress? Champions => null;

    public ConcurrentQueue<Post> Posts { get; } = new();

    public ConcurrentQueue<Update> Updates { get; } = new();

    /// <summary>The next posts to <paramref name="channel"/> answer with these results, in order.</summary>
    public void Answer(string channel, params SendResult[] results)
    {
        var queue = _scripted.GetOrAdd(channel, _ => new ConcurrentQueue<SendResult>());
        foreach (var result in results)
        {
            queue.Enqueue(result);
        }
    }

    public IReadOnlyList<Post> To(string channel) => [.. Posts.Where(p => p.Channel == channel)];

    public Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        var channel = message.To.Key.ChannelId;
        var announcement = (Announcement)message.Content;
        if (message.Replaces is { } replaced)
        {
            Updates.Enqueue(new Update(channel, replaced, announcement));
            return Task.FromResult(SendResult.Sent(replaced));
        }

        if (_scripted.TryGetValue(channel, out var queue) && queue.TryDequeue(out var scripted) && !scripted.IsSent)
        {
            return Task.FromResult(scripted);
        }

        var id = $"{Platform}-{Interlocked.Increment(ref _ids)}";
        Posts.Enqueue(new Post(channel, announcement, message.ThreadId, id));
        return Task.FromResult(SendResult.Sent(id));
    }

    public sealed record Post(string Channel, Announcement Announcement, string? ThreadId, string MessageId);

    public sealed record Update(string Channel, string MessageId, Announcement Announcement);
}
