using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Deployments;

namespace UpgradeBot.Storage.Tests;

public abstract partial class StoreContract
{
    private static readonly CustomerKey Acme = new("slack", "E0ACME");

    private static CustomerChange SettingsChange(DateTimeOffset at, string user, DeploymentType deployment, string? account = "acme-01", string? contact = "backup-admins@acme.example") =>
        new(at, user, $"User {user}", new CustomerSettings(deployment, account, contact));

    [Fact]
    public async Task A_customer_without_settings_is_not_there()
    {
        var store = await NewStoreAsync();

        Assert.Null(await store.Customers.GetAsync(Acme, Ct));
        Assert.Empty(await store.Customers.ListChangesAsync(Acme, Ct));
        Assert.Empty(await store.Customers.ListAsync(Ct));
    }

    [Fact]
    public async Task Saved_settings_come_back_with_the_change_that_set_them_and_every_change_is_kept()
    {
        var store = await NewStoreAsync();
        var first = SettingsChange(T0, "u1", DeploymentType.HybridCloud);
        var second = SettingsChange(T0.AddDays(1), "u2", DeploymentType.PublicCloud, account: null, contact: null);

        await store.Customers.SaveAsync(Acme, first, Ct);
        await store.Customers.SaveAsync(Acme, second, Ct);

        Assert.Equal(new CustomerRecord(Acme, second.Settings, second), await store.Customers.GetAsync(Acme, Ct));
        Assert.Equal([second, first], await store.Customers.ListChangesAsync(Acme, Ct));
        Assert.Equal([new CustomerRecord(Acme, second.Settings, second)], await store.Customers.ListAsync(Ct));
    }

    [Fact]
    public async Task Customers_are_kept_apart_by_platform_and_id()
    {
        var store = await NewStoreAsync();
        var teams = new CustomerKey("teams", Acme.Id);
        var other = Acme with { Id = "T0OTHER" };

        await store.Customers.SaveAsync(Acme, SettingsChange(T0, "u1", DeploymentType.HybridCloud), Ct);
        await store.Customers.SaveAsync(teams, SettingsChange(T0, "u1", DeploymentType.PublicCloud), Ct);

        Assert.Equal(DeploymentType.HybridCloud, (await store.Customers.GetAsync(Acme, Ct))!.Settings.Deployment);
        Assert.Equal(DeploymentType.PublicCloud, (await store.Customers.GetAsync(teams, Ct))!.Settings.Deployment);
        Assert.Null(await store.Customers.GetAsync(other, Ct));
        Assert.Equal([Acme, teams], (await store.Customers.ListAsync(Ct)).Select(c => c.Key));
    }

    [Fact]
    public async Task Concurrent_changes_from_two_processes_are_all_kept_and_the_last_one_stands()
    {
        var (first, second) = await TwoProcessesAsync();
        var changes = Enumerable.Range(0, 10).Select(i => SettingsChange(T0.AddSeconds(i), $"u{i}", DeploymentType.HybridCloud, account: $"acme-{i:D2}")).ToList();

        await Task.WhenAll(changes.Select((change, i) => Task.Run(() => (i % 2 == 0 ? first : second).Customers.SaveAsync(Acme, change, Ct), Ct)));

        var history = await first.Customers.ListChangesAsync(Acme, Ct);
        Assert.Equal(changes.OrderBy(c => c.UserId), history.OrderBy(c => c.UserId));
        Assert.Equal(history[0], (await second.Customers.GetAsync(Acme, Ct))!.LastChange);
    }

    [Fact]
    public async Task An_installer_is_remembered_once_per_customer()
    {
        var store = await NewStoreAsync();

        Assert.True(await store.Customers.AddInstallerAsync(Acme, "U1", T0, Ct));
        Assert.False(await store.Customers.AddInstallerAsync(Acme, "U1", T0.AddDays(1), Ct));

        Assert.True(await store.Customers.IsInstallerAsync(Acme, "U1", Ct));
        Assert.False(await store.Customers.IsInstallerAsync(Acme, "U2", Ct));
        Assert.False(await store.Customers.IsInstallerAsync(Acme with { Id = "T0OTHER" }, "U1", Ct));
    }

    [Fact]
    public async Task Text_comes_back_as_it_was_saved()
    {
        var store = await NewStoreAsync();
        var change = new CustomerChange(T0, "U1", "Zoë O'Brien 👩‍💻", new CustomerSettings(DeploymentType.Unknown, "ACME.eu_01-x", "zoë@bücher.example"));

        await store.Customers.SaveAsync(Acme, change, Ct);

        Assert.Equal(change, (await store.Customers.GetAsync(Acme, Ct))!.LastChange);
    }
}
