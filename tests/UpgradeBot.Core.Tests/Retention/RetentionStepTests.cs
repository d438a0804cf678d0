using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using UpgradeBot.Core.Configuration;
using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Retention;

namespace UpgradeBot.Core.Tests.Retention;

public sealed class RetentionStepTests
{
    private static readonly DateTimeOffset Now = new(2027, 5, 10, 3, 0, 0, TimeSpan.Zero);
    private static readonly CustomerKey Gone = new("slack", "T0GONE001");

    private readonly FakeTimeProvider _time = new(Now);
    private readonly Mock<IRetentionStore> _store = new();
    private readonly Mock<ICustomerDataStore> _customers = new();

    public RetentionStepTests()
    {
        _store.Setup(s => s.PruneAsync(It.IsAny<RetentionCutoffs>(), It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync(PrunedRows.None);
        _customers.Setup(c => c.ListRemovedAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
    }

    [Fact]
    public void The_cutoffs_count_each_period_back_from_now_and_keep_announcements_of_upgrades_still_announced()
    {
        var policy = new RetentionPolicy(new RetentionOptions(), new AnnouncementOptions { CatchUpLimit = TimeSpan.FromHours(6) });

        Assert.Equal(
            new RetentionCutoffs(
                EventPayloadsBefore: Now.AddDays(-1),
                EventIdsBefore: Now.AddDays(-7),
                AnnouncementsBefore: Now.AddDays(-90),
                AnnouncedWindowsEndedBefore: Now.AddHours(-6),
                EscalationsBefore: Now.AddDays(-730),
                CustomersRemovedBefore: Now.AddDays(-30)),
            policy.At(Now));
    }

    [Fact]
    public async Task Nothing_to_delete_is_one_round_and_done()
    {
        Assert.False(await Step().RunOnceAsync(TestContext.Current.CancellationToken));

        _store.Verify(s => s.PruneAsync(new RetentionPolicy(new RetentionOptions(), new AnnouncementOptions()).At(Now), RetentionStep.BatchSize, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_full_batch_goes_on_after_a_pause_as_long_as_the_batch_took()
    {
        var rounds = 0;
        _store.Setup(s => s.PruneAsync(It.IsAny<RetentionCutoffs>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .Returns(() =>
            {
                rounds++;
                _time.Advance(TimeSpan.FromMilliseconds(40));
                return Task.FromResult(rounds == 1 ? new PrunedRows(RetentionStep.BatchSize, 0, 3, 0) : new PrunedRows(7, 0, 0, 0));
            });
        var step = Step();

        Assert.True(await step.RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.False(await step.RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, rounds);

        _time.Advance(TimeSpan.FromMilliseconds(40));
        Assert.False(await step.RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2, rounds);
    }

    [Fact]
    public async Task A_customer_removed_before_the_period_is_erased_a_batch_per_round_until_nothing_is_left()
    {
        var cutoff = Now.AddDays(-30);
        _customers.Setup(c => c.ListRemovedAsync(cutoff, 1, It.IsAny<CancellationToken>())).ReturnsAsync([Gone]);
        _customers.SetupSequence(c => c.EraseBatchAsync(Gone, cutoff, RetentionStep.BatchSize, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<string, int> { ["subscriptions"] = RetentionStep.BatchSize })
            .ReturnsAsync(new Dictionary<string, int> { ["subscriptions"] = 2, ["customer_removals"] = 1 })
            .ReturnsAsync(new Dictionary<string, int>());
        var step = Step();

        Assert.True(await step.RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.True(await step.RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.False(await step.RunOnceAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Freed_space_is_given_back_while_the_store_has_more()
    {
        _store.SetupSequence(s => s.CompactAsync(It.IsAny<CancellationToken>())).ReturnsAsync(true).ReturnsAsync(false);
        var step = Step();

        Assert.True(await step.RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.False(await step.RunOnceAsync(TestContext.Current.CancellationToken));
    }

    private RetentionStep Step() => new(
        _store.Object,
        _customers.Object,
        new RetentionPolicy(new RetentionOptions(), new AnnouncementOptions()),
        _time,
        NullLogger<RetentionStep>.Instance);
}
