using System.Collections.Concurrent;
using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Messaging;

namespace UpgradeBot.Tests.Announcements;

/// <summary>
/// A stand-in for the Teams and Slack messengers: records every post and update, and answers with
/// whatever the test queued for a channel (sent, when nothing is queued), after the test lets it when it holds the channel.
/// </summary>
public sealed class TestMessenger(string platform) : IMessenger
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<SendResult>> _scripted = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _held = new();
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

    /// <summary>Posts to <paramref name="channel"/> are answered only once the returned source is set, as a platform that is slow there.</summary>
    public TaskCompletionSource Hold(string channel) => _held.GetOrAdd(channel, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public async Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        var channel = message.To.Key.ChannelId;
        if (_held.TryGetValue(channel, out var held))
        {
            await held.Task.WaitAsync(cancellationToken);
        }

        return Answer(message, channel);
    }

    private SendResult Answer(OutboundMessage message, string channel)
    {
        var announcement = (Announcement)message.Content;
        if (message.Replaces is { } replaced)
        {
            Updates.Enqueue(new Update(channel, replaced, announcement));
            return SendResult.Sent(replaced);
        }

        if (_scripted.TryGetValue(channel, out var queue) && queue.TryDequeue(out var scripted) && !scripted.IsSent)
        {
            return scripted;
        }

        var id = $"{Platform}-{Interlocked.Increment(ref _ids)}";
        Posts.Enqueue(new Post(channel, announcement, message.ThreadId, id));
        return SendResult.Sent(id);
    }

    public sealed record Post(string Channel, Announcement Announcement, string? ThreadId, string MessageId);

    public sealed record Update(string Channel, string MessageId, Announcement Announcement);
}
