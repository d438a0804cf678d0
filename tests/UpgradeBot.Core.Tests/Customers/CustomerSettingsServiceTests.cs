using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Configuration;
using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Deployments;
using UpgradeBot.Core.Messaging;

namespace UpgradeBot.Core.Tests.Customers;

public sealed class CustomerSettingsServiceTests
{
    private static readonly DateTimeOffset Now = new(2027, 4, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly Asker Ada = new("chat", "T1", "U1", "Ada", "C1");
    private static readonly CustomerSettingsInput Public = new("PublicCloud", "acme-01", "backup-admins@acme.example");

    private readonly InMemoryCustomerStore _store = new();
    private readonly FakeTimeProvider _time = new(Now);
    private int _roleLookups;

    private CustomerSettingsService Service() =>
        new(_store, CustomerSettingsRules.From(new CustomersOptions(), new List<string>())!, _time, NullLogger<CustomerSettingsService>.Instance);

    private CustomerAccess Platform(CustomerRole role) => new("Admins can change these settings.", _ =>
    {
        _roleLookups++;
        return Task.FromResult(role);
    });

    [Fact]
    public async Task An_admin_changes_the_settings_and_the_change_is_kept_with_who_and_when()
    {
        var form = await Service().SubmitAsync(Ada, Platform(new CustomerRole(IsAdmin: true)), Public);

        Assert.Equal(SettingsFormOutcome.Saved, form.Outcome);
        var expected = new CustomerSettings(DeploymentType.PublicCloud, "acme-01", "backup-admins@acme.example");
        Assert.Equal(new CustomerChange(Now, "U1", "Ada", expected), form.LastChange);
        Assert.Equal(expected, (await _store.GetAsync(Ada.Customer))!.Settings);
        Assert.Equal([new CustomerChange(Now, "U1", "Ada", expected)], await _store.ListChangesAsync(Ada.Customer));
    }

    [Fact]
    public async Task Someone_who_is_not_an_admin_is_refused_with_who_may_and_nothing_is_stored()
    {
        var form = await Service().SubmitAsync(Ada, Platform(CustomerRole.Member), Public);

        Assert.Equal(SettingsFormOutcome.Refused, form.Outcome);
        Assert.False(form.Editable);
        Assert.Equal("Nothing was saved. Admins can change these settings.", form.Message);
        Assert.Equal(CustomerSettingsInput.From(CustomerSettings.NotSetUp), form.Values);
        Assert.Null(await _store.GetAsync(Ada.Customer));
    }

    [Fact]
    public async Task When_the_platform_cannot_say_nothing_is_stored_and_the_person_is_asked_to_retry()
    {
        var form = await Service().SubmitAsync(Ada, Platform(CustomerRole.Unknown), Public);

        Assert.Equal(SettingsFormOutcome.Refused, form.Outcome);
        Assert.Contains("try again", form.Message, StringComparison.Ordinal);
        Assert.Null(await _store.GetAsync(Ada.Customer));
    }

    [Fact]
    public async Task Whoever_installed_the_bot_may_change_the_settings_without_asking_the_platform()
    {
        var service = Service();
        var welcome = await service.WelcomeAsync(Ada.Customer, "U1", "Admins can change these settings.", new Notice("Hello!", "Hi."));

        var form = await service.SubmitAsync(Ada, Platform(CustomerRole.Member), Public);

        Assert.True(welcome.Editable);
        Assert.Equal("Hello!", welcome.Intro!.Headline);
        Assert.Equal(SettingsFormOutcome.Saved, form.Outcome);
        Assert.Equal(0, _roleLookups);
    }

    [Fact]
    public async Task A_form_that_is_not_right_comes_back_with_what_was_sent_and_a_message_per_field()
    {
        var sent = new CustomerSettingsInput("HybridCloud", "no spaces please", "not-an-address");

        var form = await Service().SubmitAsync(Ada, Platform(new CustomerRole(IsAdmin: true)), sent);

        Assert.Equal(SettingsFormOutcome.Invalid, form.Outcome);
        Assert.True(form.Editable);
        Assert.Equal(sent, form.Values);
        Assert.Equal([CustomerSettingsFields.AccountId.Id, CustomerSettingsFields.SupportContact.Id], form.Errors.Keys.Order());
        Assert.Null(await _store.GetAsync(Ada.Customer));
    }

    [Fact]
    public async Task Showing_the_settings_is_read_only_for_anyone_who_may_not_change_them()
    {
        var stored = new CustomerSettings(DeploymentType.HybridCloud, "acme-01", null);
        await _store.SaveAsync(Ada.Customer, new CustomerChange(Now.AddDays(-1), "U9", "Grace", stored));

        var member = await Service().ShowAsync(Ada, Platform(CustomerRole.Member));
        var admin = await Service().ShowAsync(Ada, Platform(new CustomerRole(IsAdmin: true)));
        var nobodySaid = await Service().ShowAsync(Ada, access: null);

        Assert.False(member.Editable);
        Assert.Equal(CustomerSettingsInput.From(stored), member.Values);
        Assert.Equal("Grace", member.LastChange!.UserName);
        Assert.True(admin.Editable);
        Assert.False(nobodySaid.Editable);
        Assert.Equal(CustomerAccess.None.WhoMayChange, nobodySaid.WhoMayChange);
    }

    [Fact]
    public async Task An_organization_wide_customer_is_one_for_all_its_workspaces()
    {
        var inWorkspaceA = Ada with { TenantId = "T1", CustomerId = "E1" };
        var inWorkspaceB = Ada with { TenantId = "T2", CustomerId = "E1" };

        await Service().SubmitAsync(inWorkspaceA, Platform(new CustomerRole(IsAdmin: true)), Public);

        Assert.Equal("acme-01", (await Service().ShowAsync(inWorkspaceB, null)).Values.AccountId);
        Assert.Null(await _store.GetAsync(new CustomerKey("chat", "T1")));
    }
}
