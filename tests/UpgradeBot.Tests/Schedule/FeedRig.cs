using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using UpgradeBot.Core.Configuration;
using UpgradeBot.Core.Schedule;
using UpgradeBot.Schedule;
using UpgradeBot.Testing;
using UpgradeBot.Tests.Announcements;

namespace UpgradeBot.Tests.Schedule;

/// <summary>
/// The feed step as the service runs it — real HTTP to a fake status page on 127.0.0.1, the real
/// editor over a SQLite file — next to the announcement outbox, all on one fake clock. Tests change the
/// page's answer, then run the step and the outbox once each, as the background loop would.
/// </summary>
public sealed class FeedRig : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly HttpClient _http = new() { Timeout = System.Threading.Timeout.InfiniteTimeSpan };

    private FeedRig(OutboxRig outbox, FakeStatusPage page, UpgradeFeedOptions options)
    {
        Outbox = outbox;
        Page = page;
        var time = outbox.Time;
        var meters = _metrics.GetRequiredService<IMeterFactory>();
        Failures = new MetricCollector<long>(meters, UpgradeFeedMetrics.MeterName, UpgradeFeedMetrics.FailuresName);
        Editor = new UpgradeScheduleEditor(outbox.Windows, outbox.Outbox, time, NullLogger<UpgradeScheduleEditor>.Instance);
        var logs = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Information));
        Step = new UpgradeFeedStep(
            new UpgradeFeedClient(_http, Options.Create(options), time),
            Editor,
            outbox.Dispatcher,
            Health,
            new UpgradeFeedMetrics(meters),
            Options.Create(options),
            logs.CreateLogger<UpgradeFeedStep>());
    }

    public OutboxRig Outbox { get; }

    public FakeStatusPage Page { get; }

    public UpgradeScheduleEditor Editor { get; }

    public UpgradeFeedStep Step { get; }

    public UpgradeFeedHealth Health { get; } = new();

    public CapturedLogs Logs { get; } = new();

    public MetricCollector<long> Failures { get; }

    public static async Task<FeedRig> StartAsync(Action<UpgradeFeedOptions>? configure = null)
    {
        var outbox = await OutboxRig.StartAsync();
        var page = await FakeStatusPage.StartAsync();
        var options = new UpgradeFeedOptions { Url = page.Url, PollInterval = TimeSpan.FromSeconds(5), Timeout = Timeout };
        configure?.Invoke(options);
        await outbox.SubscribeAsync("slack", "C1");
        return new FeedRig(outbox, page, options);
    }

    /// <summary>Serves these maintenances, polls once and lets the outbox send what that made due.</summary>
    public async Task PublishAsync(params System.Text.Json.Nodes.JsonObject[] maintenances)
    {
        Page.Serve(StatusPageFixture.Document(maintenances), Outbox.Time.GetUtcNow());
        await PollAsync();
    }

    /// <summary>One poll, then one run of the outbox.</summary>
    public async Task PollAsync()
    {
        await Step.RunOnceAsync(CancellationToken.None);
        await Outbox.Dispatcher.RunOnceAsync(CancellationToken.None);
    }

    public async Task<(UpgradeWindow Window, UpgradeSource Source)> StoredAsync(string id) =>
        Assert.Single(await Outbox.Windows.ListWithSourceAsync(), w => w.Window.Id == id);

    public IReadOnlyList<TestMessenger.Post> Posts => Outbox.Slack.To("C1");

    public async Task<string> HealthAsync() =>
        (await Health.CheckHealthAsync(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext())).Status.ToString();

    public IReadOnlyList<string> Warnings =>
        [.. Logs.Lines.Where(l => l.Level == LogLevel.Warning).Select(l => l.Message)];

    public async ValueTask DisposeAsync()
    {
        Failures.Dispose();
        _http.Dispose();
        await _metrics.DisposeAsync();
        await Page.DisposeAsync();
        await Outbox.DisposeAsync();
    }
}
