using Xunit;

namespace UpgradeBot.Testing;

/// <summary>Waits for background work to reach a state, on the wall clock; the limit only guards against hangs, and reaching it fails the test.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(30);

    /// <summary>Polls <paramref name="probe"/> until <paramref name="done"/> holds; fails the test when it has not within <paramref name="limit"/>.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? limit = null, string? what = null)
    {
        var wait = limit ?? DefaultLimit;
        var deadline = Environment.TickCount64 + (long)wait.TotalMilliseconds;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (Environment.TickCount64 > deadline)
            {
                Assert.Fail($"{what ?? "The awaited state"} was not reached within {wait.TotalSeconds:0.#} s; last seen: {value}");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; fails the test when it has not within <paramref name="limit"/>.</summary>
    public static Task True(Func<bool> condition, TimeSpan? limit = null, string? what = null) =>
        Until(() => Task.FromResult(condition()), done => done, limit, what);
}
