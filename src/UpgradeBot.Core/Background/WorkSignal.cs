namespace UpgradeBot.Core.Background;

/// <summary>
/// Lets producers wake a background step the moment they queued something durable, instead of at
/// its next poll; the poll still runs so rows left by a crash or due for retry are found. A step
/// that put work off to a known time asks to be woken then (<see cref="WakeAt"/>).
/// </summary>
public class WorkSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private DateTimeOffset _timerAt = DateTimeOffset.MaxValue;

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

    /// <summary>Wakes the step at <paramref name="at"/> on <paramref name="time"/>, unless an earlier wake-up is already set.</summary>
    public void WakeAt(DateTimeOffset at, TimeProvider time)
    {
        var due = at - time.GetUtcNow();
        if (due <= TimeSpan.Zero)
        {
            Wake();
            return;
        }

        lock (_gate)
        {
            if (_timer is not null && _timerAt <= at)
            {
                return;
            }

            _timer?.Dispose();
            _timerAt = at;
            _timer = time.CreateTimer(_ => Fire(), null, due, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Returns when woken or when <paramref name="pollInterval"/> has passed on <paramref name="time"/>.</summary>
    public async Task WaitAsync(TimeSpan pollInterval, TimeProvider time, CancellationToken cancellationToken)
    {
        // The token source owns its timer: a timer callback already queued when the wait ends
        // finds the source disposed and does nothing, where a Cancel of our own would throw.
        using var poll = new CancellationTokenSource(pollInterval, time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, poll.Token);
        try
        {
            await _wake.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed without a wake-up: look anyway.
        }
    }

    private void Fire()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
            _timerAt = DateTimeOffset.MaxValue;
        }

        Wake();
    }
}
