using Microsoft.Extensions.Time.Testing;

namespace UpgradeBot.Testing;

/// <summary>
/// Work that waits on the injected clock (a send spaced behind another by its rate limit) never ends
/// while a test holds a <see cref="FakeTimeProvider"/> still: this moves the clock on in small steps
/// until the work is done, and fails the test when it is not within the wall-clock limit.
/// </summary>
public static class ClockDriven
{
    public static async Task<T> RunAsync<T>(FakeTimeProvider clock, Func<Task<T>> work, TimeSpan? step = null, TimeSpan? limit = null)
    {
        var task = work();
        var wait = limit ?? Eventually.DefaultLimit;
        var deadline = Environment.TickCount64 + (long)wait.TotalMilliseconds;
        while (!task.IsCompleted)
        {
            if (Environment.TickCount64 > deadline)
            {
                Assert.Fail($"The work did not finish within {wait.TotalSeconds:0.#} s of moving the fake clock on; it is at {clock.GetUtcNow():O}");
            }

            await Task.WhenAny(task, Task.Delay(5));
            if (!task.IsCompleted)
            {
                clock.Advance(step ?? TimeSpan.FromMilliseconds(50));
            }
        }

        return await task;
    }
}
