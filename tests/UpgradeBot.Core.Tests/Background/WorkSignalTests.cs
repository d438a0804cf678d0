using Microsoft.Extensions.Time.Testing;
using UpgradeBot.Core.Background;

namespace UpgradeBot.Core.Tests.Background;

public sealed class WorkSignalTests
{
    [Fact]
    public async Task A_poll_timer_that_fires_after_the_wait_has_returned_does_nothing()
    {
        var time = new LateTimers();
        var signal = new WorkSignal();
        var wait = signal.WaitAsync(TimeSpan.FromSeconds(2), time, CancellationToken.None);
        signal.Wake();
        await wait;

        // A thread-pool timer whose callback was already queued runs after its Dispose; in CI that
        // cancelled a disposed token source and the unhandled exception took the process down.
        time.FireAll();
    }

    [Fact]
    public async Task The_wait_returns_when_the_poll_passes_without_a_wake_up()
    {
        var time = new FakeTimeProvider();
        var wait = new WorkSignal().WaitAsync(TimeSpan.FromSeconds(2), time, CancellationToken.None);
        Assert.False(wait.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(2));

        await wait.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_wake_set_for_later_wakes_the_step_then()
    {
        var time = new FakeTimeProvider();
        var signal = new WorkSignal();
        signal.WakeAt(time.GetUtcNow().AddSeconds(3), time);
        var wait = signal.WaitAsync(TimeSpan.FromMinutes(1), time, CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(wait.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        await wait.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Timers that keep their callbacks past Dispose, so a test can run them late.</summary>
    private sealed class LateTimers : TimeProvider
    {
        private readonly List<(TimerCallback Callback, object? State)> _timers = [];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            _timers.Add((callback, state));
            return new InertTimer();
        }

        public void FireAll()
        {
            foreach (var (callback, state) in _timers)
            {
                callback(state);
            }
        }

        private sealed class InertTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
