using UpgradeBot.Core.Configuration;
using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Deployments;

namespace UpgradeBot.Core.Tests.Customers;

public sealed class CustomerSettingsRulesTests
{
    private static CustomerSettingsRules Rules(string pattern = CustomersOptions.DefaultAccountIdPattern)
    {
        var errors = new List<string>();
        var rules = CustomerSettingsRules.From(new CustomersOptions { AccountIdPattern = pattern }, errors);
        Assert.Empty(errors);
        return rules!;
    }

    [Theory]
    [InlineData("acme")]
    [InlineData("ACME-backup_01.eu")]
    [InlineData("  acme-01  ")]
    public void A_good_account_id_is_kept_trimmed(string account)
    {
        var check = Rules().Check(new CustomerSettingsInput("HybridCloud", account, null));

        Assert.Empty(check.Errors);
        Assert.Equal(new CustomerSettings(DeploymentType.HybridCloud, account.Trim(), null), check.Settings);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("acme 01")]
    [InlineData("acme/01")]
    [InlineData("<@U123>")]
    [InlineData("ok-but\nsecond-line")]
    public void A_malformed_account_id_is_refused_beside_its_field(string account)
    {
        var check = Rules().Check(new CustomerSettingsInput("PublicCloud", account, null));

        Assert.Null(check.Settings);
        Assert.Contains("3 to 64 letters", Assert.Single(check.Errors, e => e.Key == CustomerSettingsFields.AccountId.Id).Value, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_pattern_allows_64_characters_and_no_more()
    {
        Assert.Empty(Rules().Check(new CustomerSettingsInput(null, new string('a', 64), null)).Errors);
        Assert.NotEmpty(Rules().Check(new CustomerSettingsInput(null, new string('a', 65), null)).Errors);
    }

    [Theory]
    [InlineData("backup-admins@acme.example")]
    [InlineData("first.last+backup@mail.acme.co.uk")]
    public void A_plain_email_address_is_a_support_contact(string contact) =>
        Assert.Equal(contact, Rules().Check(new CustomerSettingsInput(null, null, contact)).Settings!.SupportContact);

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("Ada <ada@acme.example>")]
    [InlineData("ada@acme.example, bob@acme.example")]
    [InlineData("ada@localhost")]
    [InlineData("ada@acme.example.")]
    public void Anything_but_one_plain_email_address_is_refused(string contact) =>
        Assert.True(Rules().Check(new CustomerSettingsInput(null, null, contact)).Errors.ContainsKey(CustomerSettingsFields.SupportContact.Id));

    [Fact]
    public void Blank_fields_mean_not_set_up_and_a_missing_deployment_not_sure()
    {
        var check = Rules().Check(new CustomerSettingsInput(null, "  ", ""));

        Assert.Equal(CustomerSettings.NotSetUp, check.Settings);
    }

    [Fact]
    public void A_deployment_that_is_not_one_of_the_choices_is_refused()
    {
        var check = Rules().Check(new CustomerSettingsInput("OnPremises", null, null));

        Assert.Equal([CustomerSettingsFields.Deployment.Id], check.Errors.Keys);
    }

    [Fact]
    public void An_operators_pattern_must_match_the_whole_account_id()
    {
        var rules = Rules("ACME-[0-9]{4}");

        Assert.Empty(rules.Check(new CustomerSettingsInput(null, "ACME-1234", null)).Errors);
        Assert.NotEmpty(rules.Check(new CustomerSettingsInput(null, "xACME-1234x", null)).Errors);
    }

    [Fact]
    public void A_pattern_with_lookarounds_runs_on_the_backtracking_engine_with_a_timeout()
    {
        var rules = Rules("(?!test)[a-z]{3,10}");

        Assert.Empty(rules.Check(new CustomerSettingsInput(null, "acme", null)).Errors);
        Assert.NotEmpty(rules.Check(new CustomerSettingsInput(null, "testing", null)).Errors);
    }

    [Fact]
    public void A_catastrophic_pattern_cannot_hold_a_request()
    {
        // Nested quantifiers with a backreference: the backtracking engine would take ages on this input.
        var rules = Rules(@"((a+)+)\1b");

        var check = rules.Check(new CustomerSettingsInput(null, new string('a', 200), null));

        Assert.True(check.Errors.ContainsKey(CustomerSettingsFields.AccountId.Id));
    }

    [Theory]
    [InlineData("[a-z", "Customers:AccountIdPattern is not a regular expression")]
    [InlineData(" ", "Customers:AccountIdPattern is empty")]
    public void A_pattern_that_cannot_be_used_stops_the_start_naming_the_key(string pattern, string message)
    {
        var errors = new List<string>();

        Assert.Null(CustomerSettingsRules.From(new CustomersOptions { AccountIdPattern = pattern }, errors));
        Assert.Contains(errors, e => e.StartsWith(message, StringComparison.Ordinal));
    }
}
