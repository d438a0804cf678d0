using System.Diagnostics;

namespace UpgradeBot.Testing;

/// <summary>
/// At most <c>limit</c> admissions in any <c>window</c> of real time, as a platform enforces it. Where
/// several windows apply, a request refused by a later one still used a slot of the earlier ones:
/// that only makes a fake stricter.
/// </summary>
public sealed class SlidingWindow(int limit, TimeSpan window)
{
    private readonly Queue<long> _admitted = new();

    public bool TryAdmit(long now)
    {
        lock (_admitted)
        {
            while (_admitted.Count > 0 && Stopwatch.GetElapsedTime(_admitted.Peek(), now) >= window)
            {
                _admitted.Dequeue();
            }

            if (_admitted.Count >= limit)
            {
                return false;
            }

            _admitted.Enqueue(now);
            return true;
        }
    }
}
