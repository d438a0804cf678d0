using System.Collections.Concurrent;
using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Messaging;
using UpgradeBot.Core.Subscriptions;

namespace UpgradeBot.Tests.Announcements;

/// <summary>
/// A stand-in for the Teams and Slack senders: records every post and update, and answers with
/// whatever the test queued for a channel (sent, when nothing is queued).
/// </summary>
public sealed class TestMessenger(string platform) : IChannelMessenger
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<SendResult>> _scripted = new();
    private int _ids;

    public string Platform { get; } = platform;

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

    public Task<SendResult> PostAsync(Subscription subscription, Announcement announcement, string? threadId, CancellationToken cancellationToken = default)
    {
        if (_scripted.TryGetValue(subscription.Key.ChannelId, out var queue) && queue.TryDequeue(out var scripted) && scripted.Status != SendStatus.Sent)
        {
            return Task.FromResult(scripted);
        }

        var id = $"{Platform}-{Interlocked.Increment(ref _ids)}";
        Posts.Enqueue(new Post(subscription.Key.ChannelId, announcement, threadId, id));
        return Task.FromResult(SendResult.Sent(id));
    }

    public Task<SendResult> UpdateAsync(Subscription subscription, string messageId, Announcement announcement, CancellationToken cancellationToken = default)
    {
        Updates.Enqueue(new Update(subscription.Key.ChannelId, messageId, announcement));
        return Task.FromResult(SendResult.Sent(messageId));
    }

    public sealed record Post(string Channel, Announcement Announcement, string? ThreadId, string MessageId);

    public sealed record Update(string Channel, string MessageId, Announcement Announcement);
}
