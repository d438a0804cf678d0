using System.Collections.Concurrent;

namespace UpgradeBot.Storage;

/// <summary>
/// Group commit: each caller queues its item and waits for the gate; whoever holds the gate next
/// writes every queued item in one batch, so a burst of concurrent callers costs one round trip and
/// one commit instead of one each (on SQLite, also no sleeps on its file lock, whose busy handler
/// waits 1, 2, 5, 10… ms between tries).
/// </summary>
internal sealed class GroupCommit<T, TResult>(Func<IReadOnlyList<T>, Task<TResult[]>> writeBatch)
{
    private readonly ConcurrentQueue<Queued> _queued = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Writes <paramref name="item"/> in the next batch; the batch writer's answer for it.</summary>
    public async Task<TResult> AddAsync(T item, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var queued = new Queued(item);
        _queued.Enqueue(queued);
        // Not cancellable: once queued, the item may be written by another caller's batch, and a
        // batch must not fail because one of its callers went away.
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            if (!queued.Done.Task.IsCompleted)
            {
                await WriteQueuedAsync();
            }
        }
        finally
        {
            _gate.Release();
        }

        return await queued.Done.Task;
    }

    /// <summary>Runs other work behind the same gate, between batches.</summary>
    public async Task<TWork> ExclusiveAsync<TWork>(Func<Task<TWork>> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task WriteQueuedAsync()
    {
        var batch = new List<Queued>();
        while (_queued.TryDequeue(out var next))
        {
            batch.Add(next);
        }

        try
        {
            var results = await writeBatch([.. batch.Select(q => q.Item)]);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.SetResult(results[i]);
            }
        }
        catch (Exception e)
        {
            foreach (var queued in batch)
            {
                queued.Done.SetException(e);
            }
        }
    }

    private sealed class Queued(T item)
    {
        public T Item { get; } = item;

        /// <summary>Completed by the batch that writes the item; continuations leave the writer's thread.</summary>
        public TaskCompletionSource<TResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
