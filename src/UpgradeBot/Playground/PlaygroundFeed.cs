namespace UpgradeBot.Playground;

/// <summary>
/// What the bot sent to the playground's receivers, in order, for the page to read. Kept in memory
/// and bounded: the playground is one person trying the bot, and a restart starts a fresh page.
/// </summary>
public sealed class PlaygroundFeed
{
    public const int Capacity = 500;

    private readonly Lock _gate = new();
    private readonly Queue<PlaygroundPost> _posts = new();
    private TaskCompletionSource _added = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _last;
    private long _ids;

    public long Last
    {
        get
        {
            lock (_gate)
            {
                return _last;
            }
        }
    }

    /// <summary>A number no other message of this feed has: what the receivers make message ids from, as the platforms would.</summary>
    public long NextMessageNumber() => Interlocked.Increment(ref _ids);

    public PlaygroundPost Add(string platform, string conversation, string kind, string? id, string? threadId, JsonElement body)
    {
        TaskCompletionSource added;
        PlaygroundPost post;
        lock (_gate)
        {
            post = new PlaygroundPost(++_last, platform, conversation, kind, id, threadId, body.Clone());
            _posts.Enqueue(post);
            if (_posts.Count > Capacity)
            {
                _posts.Dequeue();
            }

            added = _added;
            _added = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        added.TrySetResult();
        return post;
    }

    /// <summary>The posts after <paramref name="after"/>; when there are none yet, waits up to <paramref name="wait"/> for the next.</summary>
    public async Task<IReadOnlyList<PlaygroundPost>> AfterAsync(long after, TimeSpan wait, TimeProvider time, CancellationToken cancellationToken)
    {
        Task added;
        lock (_gate)
        {
            if (_last > after)
            {
                return [.. _posts.Where(p => p.Sequence > after)];
            }

            added = _added.Task;
        }

        try
        {
            await added.WaitAsync(wait, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return [];
        }

        lock (_gate)
        {
            return [.. _posts.Where(p => p.Sequence > after)];
        }
    }
}
