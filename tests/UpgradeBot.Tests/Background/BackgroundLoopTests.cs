using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using UpgradeBot.Background;
using UpgradeBot.Core.Background;

namespace UpgradeBot.Tests.Background;

public sealed class BackgroundLoopTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_run_under_way_when_the_host_stops_finishes_instead_of_being_cancelled()
    {
        var step = new HeldStep();
        using var loop = new BackgroundLoop([step], new StartedLifetime(), TimeProvider.System, NullLogger<BackgroundLoop>.Instance);
        await loop.StartAsync(TestContext.Current.CancellationToken);
        await step.Running.Task.WaitAsync(Limit, TestContext.Current.CancellationToken);

        var stopping = loop.StopAsync(TestContext.Current.CancellationToken);
        step.Release.TrySetResult();
        await stopping.WaitAsync(Limit, TestContext.Current.CancellationToken);

        Assert.Equal((1, 0), (step.Finished, step.Cancelled));
    }

    [Fact]
    public async Task A_run_that_outlasts_the_grace_is_cancelled_so_the_host_still_stops()
    {
        var step = new HeldStep();
        using var loop = new BackgroundLoop([step], new StartedLifetime(), TimeProvider.System, NullLogger<BackgroundLoop>.Instance);
        await loop.StartAsync(TestContext.Current.CancellationToken);
        await step.Running.Task.WaitAsync(Limit, TestContext.Current.CancellationToken);

        await loop.StopAsync(TestContext.Current.CancellationToken).WaitAsync(BackgroundLoop.FinishGrace + Limit, TestContext.Current.CancellationToken);

        Assert.Equal((0, 1), (step.Finished, step.Cancelled));
    }

    [Fact]
    public async Task Work_a_run_left_going_on_its_own_is_waited_for_when_the_host_stops()
    {
        var step = new FillingStep();
        using var loop = new BackgroundLoop([step], new StartedLifetime(), TimeProvider.System, NullLogger<BackgroundLoop>.Instance);
        await loop.StartAsync(TestContext.Current.CancellationToken);
        await step.Running.Task.WaitAsync(Limit, TestContext.Current.CancellationToken);

        var stopping = loop.StopAsync(TestContext.Current.CancellationToken);
        Assert.False(stopping.IsCompleted);
        step.Release.TrySetResult();
        await stopping.WaitAsync(Limit, TestContext.Current.CancellationToken);

        Assert.True(step.Finished);
    }

    /// <summary>A step whose run starts work in the background and returns at once, as the Slack queue fills its slots.</summary>
    private sealed class FillingStep : IBackgroundStep
    {
        private Task? _work;

        public TaskCompletionSource Running { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Finished { get; private set; }

        public string Name => "filling";

        public TimeSpan PollInterval => TimeSpan.FromMinutes(1);

        public WorkSignal? Signal => null;

        public Task<bool> RunOnceAsync(CancellationToken cancellationToken)
        {
            _work ??= Task.Run(async () =>
            {
                Running.TrySetResult();
                await Release.Task.WaitAsync(cancellationToken);
                Finished = true;
            }, CancellationToken.None);
            return Task.FromResult(false);
        }

        public Task WhenIdleAsync(CancellationToken cancellationToken) => _work?.WaitAsync(cancellationToken) ?? Task.CompletedTask;
    }

    /// <summary>A step whose first run waits for the test's go-ahead, as a send waits for the platform.</summary>
    private sealed class HeldStep : IBackgroundStep
    {
        public TaskCompletionSource Running { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Finished { get; private set; }

        public int Cancelled { get; private set; }

        public string Name => "held";

        public TimeSpan PollInterval => TimeSpan.FromMinutes(1);

        public WorkSignal? Signal => null;

        public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
        {
            Running.TrySetResult();
            try
            {
                await Release.Task.WaitAsync(cancellationToken);
                Finished++;
            }
            catch (OperationCanceledException)
            {
                Cancelled++;
                throw;
            }

            return false;
        }
    }

    private sealed class StartedLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => new(canceled: true);

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
