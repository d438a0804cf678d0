namespace UpgradeBot.Core.Background;

/// <summary>
/// Lets producers wake a background loop the moment they queued something durable, instead of at
/// its next poll; the poll still runs so rows left by a crash or due for retry are found.
/// </summary>
public class WorkSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken; one wake-up reads everything queued so far.
        }
    }

    /// <summary>Returns when woken or when <paramref name="poll"/> has passed on <paramref name="time"/>.</summary>
    public async Task WaitAsync(TimeSpan poll, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var timer = time.CreateTimer(_ => timeout.Cancel(), null, poll, Timeout.InfiniteTimeSpan);
        try
        {
            await _wake.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed without a wake-up: look anyway.
        }
    }
}
