using UpgradeBot.Core.Schedule;

namespace UpgradeBot.Storage.Tests;

public abstract partial class StoreContract
{
    private static readonly TimeSpan Cest = TimeSpan.FromHours(2);

    protected static UpgradeWindow Window(string id, DateTimeOffset start) => new(
        id,
        $"Upgrade {id}",
        [
            new UpgradePhase("Phase 1", start, start.AddHours(6)),
            new UpgradePhase("Phase 2", start.AddDays(1), start.AddDays(1).AddHours(6)),
        ],
        new Uri("https://status.example.com/upgrades/" + id));

    [Fact]
    public async Task An_upserted_window_comes_back_with_its_phases_at_the_same_instants_and_offsets()
    {
        var store = await NewStoreAsync();
        var window = Window("2025-04", new DateTimeOffset(2025, 4, 1, 22, 0, 0, Cest));

        await store.Windows.UpsertAsync(window, UpgradeSource.Configuration, T0, Ct);

        var stored = await store.Windows.GetAsync("2025-04", Ct);
        Assert.Equal(window, stored);
        Assert.Equal(Cest, stored!.Phases[0].Start.Offset);
    }

    [Fact]
    public async Task Upserting_again_replaces_the_window_with_its_revision_cancellation_and_source()
    {
        var store = await NewStoreAsync();
        var original = Window("2025-04", T0.AddDays(30));
        await store.Windows.UpsertAsync(original, UpgradeSource.Configuration, T0, Ct);

        var revised = new UpgradeWindow("2025-04", "Moved", [new UpgradePhase("Only", T0.AddDays(40), T0.AddDays(41))], revision: 2, cancelled: true);
        await store.Windows.UpsertAsync(revised, UpgradeSource.Admin, T0.AddHours(1), Ct);

        var (window, source) = Assert.Single(await store.Windows.ListWithSourceAsync(Ct));
        Assert.Equal(revised, window);
        Assert.Equal(UpgradeSource.Admin, source);
    }

    [Fact]
    public async Task Every_source_comes_back_as_stored_and_feed_ids_keep_their_prefix()
    {
        var store = await NewStoreAsync();
        foreach (var source in Enum.GetValues<UpgradeSource>())
        {
            await store.Windows.UpsertAsync(Window($"statuspage:{source}", T0.AddDays(10 + (int)source)), source, T0, Ct);
        }

        Assert.Equal(
            Enum.GetValues<UpgradeSource>().Select(s => ($"statuspage:{s}", s)),
            (await store.Windows.ListWithSourceAsync(Ct)).Select(w => (w.Window.Id, w.Source)));
    }

    [Fact]
    public async Task Windows_are_listed_by_start()
    {
        var store = await NewStoreAsync();
        await store.Windows.UpsertAsync(Window("later", T0.AddDays(20)), UpgradeSource.Admin, T0, Ct);
        await store.Windows.UpsertAsync(Window("sooner", T0.AddDays(10)), UpgradeSource.Configuration, T0, Ct);

        Assert.Equal(["sooner", "later"], (await store.Windows.ListAsync(Ct)).Select(w => w.Id));
        Assert.Equal(
            [UpgradeSource.Configuration, UpgradeSource.Admin],
            (await store.Windows.ListWithSourceAsync(Ct)).Select(w => w.Source));
    }

    [Fact]
    public async Task Deleting_a_window_reports_whether_it_existed()
    {
        var store = await NewStoreAsync();
        await store.Windows.UpsertAsync(Window("2025-04", T0), UpgradeSource.Admin, T0, Ct);

        Assert.True(await store.Windows.DeleteAsync("2025-04", Ct));
        Assert.False(await store.Windows.DeleteAsync("2025-04", Ct));
        Assert.Null(await store.Windows.GetAsync("2025-04", Ct));
    }
}
