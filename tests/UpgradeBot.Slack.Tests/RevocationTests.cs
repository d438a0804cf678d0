using Microsoft.Extensions.DependencyInjection;
using UpgradeBot.Core.Conversations;
using UpgradeBot.Core.Messaging;
using UpgradeBot.Testing;

namespace UpgradeBot.Slack.Tests;

/// <summary>A workspace that removes the app: its tokens go at once and nothing is posted there again until it installs the app anew.</summary>
public sealed class RevocationTests : IAsyncLifetime
{
    private SlackBot _bot = null!;
    private SlackWorkspace _acme = null!;
    private SlackWorkspace _beta = null!;

    public async ValueTask InitializeAsync()
    {
        _bot = await SlackBot.StartAsync();
        _acme = await _bot.InstallNewAsync("T0ACME001", "Acme Backup Admins");
        _beta = await _bot.InstallNewAsync("T0BETA001", "Beta Hosting");
        await _bot.EventAsync(SlackPayloads.Membership("Ev0JOINA01", "member_joined_channel", "C0ACME01", from: SlackPayloads.Origin.Of(_acme)));
        await _bot.EventAsync(SlackPayloads.Membership("Ev0JOINA02", "member_joined_channel", "C0ACME02", from: SlackPayloads.Origin.Of(_acme)));
        await _bot.EventAsync(SlackPayloads.Membership("Ev0JOINB01", "member_joined_channel", "C0BETA01", from: SlackPayloads.Origin.Of(_beta)));
        foreach (var id in new[] { "Ev0JOINA01", "Ev0JOINA02", "Ev0JOINB01" })
        {
            await _bot.ProcessedAsync(id);
        }
    }

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>An org-wide install of Grid Corp with the bot in a channel of each of two of its workspaces.</summary>
    private async Task<SlackWorkspace> GridCorpInTwoWorkspacesAsync()
    {
        var grid = _bot.Slack.AddOrganization("E0GRID001", "Grid Corp");
        await _bot.InstallAsync(grid);
        await _bot.EventAsync(SlackPayloads.Membership("Ev0JOING01", "member_joined_channel", "C0GRID01", from: SlackPayloads.Origin.Of(grid, "T0GRIDWS1")));
        await _bot.EventAsync(SlackPayloads.Membership("Ev0JOING02", "member_joined_channel", "C0GRID02", from: SlackPayloads.Origin.Of(grid, "T0GRIDWS2")));
        await _bot.ProcessedAsync("Ev0JOING01");
        await _bot.ProcessedAsync("Ev0JOING02");
        return grid;
    }

    [Theory]
    [InlineData("app_uninstalled first")]
    [InlineData("tokens_revoked first")]
    public async Task Uninstalling_in_either_event_order_deletes_the_tokens_and_stops_all_posting_there(string order)
    {
        _bot.Slack.OAuth.Uninstall(_acme);
        object[] events =
        [
            SlackPayloads.Uninstalled("Ev0UNINST1", SlackPayloads.Origin.Of(_acme), Now),
            SlackPayloads.TokensRevoked("Ev0REVOKE1", SlackPayloads.Origin.Of(_acme), Now),
        ];
        foreach (var payload in order.StartsWith("app_uninstalled", StringComparison.Ordinal) ? events : events.Reverse())
        {
            await _bot.EventAsync(payload);
        }

        await _bot.ProcessedAsync("Ev0UNINST1");
        await _bot.ProcessedAsync("Ev0REVOKE1");

        Assert.Null(await _bot.Installations.FindAsync("team:T0ACME001"));
        await AssertNothingPostedAnyMoreInAcmeAsync();
    }

    [Theory]
    [InlineData("invalid_auth")]
    [InlineData("account_inactive")]
    [InlineData("token_revoked")]
    [InlineData("not_authed")]
    public async Task A_web_api_answer_that_the_token_is_revoked_is_taken_as_an_uninstall(string error)
    {
        // The events never came (or come later): the first post learns it from Slack.
        _bot.Slack.OAuth.Uninstall(_acme);
        _bot.Slack.RefuseTokensWith = error;

        await _bot.EventAsync(SlackPayloads.Mention("Ev0MENTA01", "C0ACME01", "usage graph broken", from: SlackPayloads.Origin.Of(_acme)));
        await _bot.ProcessedAsync("Ev0MENTA01");

        // The welcome when it joined, then the one answer Slack refused.
        Assert.Equal(2, _bot.Slack.Posts().Count(c => c.Channel == "C0ACME01"));
        Assert.Null(await _bot.Installations.FindAsync("team:T0ACME001"));
        await AssertNothingPostedAnyMoreInAcmeAsync();
    }

    [Fact]
    public async Task Uninstalling_an_org_wide_install_switches_off_every_workspace_of_the_organization()
    {
        var grid = await GridCorpInTwoWorkspacesAsync();
        _bot.Slack.OAuth.Uninstall(grid);

        await _bot.EventAsync(SlackPayloads.Uninstalled("Ev0UNINSTG", SlackPayloads.Origin.Of(grid, "T0GRIDWS1"), Now));
        await _bot.ProcessedAsync("Ev0UNINSTG");

        Assert.Null(await _bot.Installations.FindAsync("enterprise:E0GRID001"));
        Assert.False((await _bot.Subscriptions.GetAsync(SlackPlatform.Key("T0GRIDWS1", "C0GRID01")))!.Active);
        Assert.False((await _bot.Subscriptions.GetAsync(SlackPlatform.Key("T0GRIDWS2", "C0GRID02")))!.Active);
        Assert.True((await _bot.Subscriptions.GetAsync(SlackPlatform.Key("T0ACME001", "C0ACME01")))!.Active);
    }

    [Fact]
    public async Task A_workspace_that_leaves_an_org_wide_install_is_switched_off_and_the_rest_of_the_organization_stays()
    {
        var grid = await GridCorpInTwoWorkspacesAsync();

        await _bot.EventAsync(SlackPayloads.TeamAccessRevoked("Ev0REVOKE1", grid, "T0GRIDWS1"));
        await _bot.ProcessedAsync("Ev0REVOKE1");

        Assert.NotNull(await _bot.Installations.FindAsync("enterprise:E0GRID001"));
        Assert.False((await _bot.Subscriptions.GetAsync(SlackPlatform.Key("T0GRIDWS1", "C0GRID01")))!.Active);
        Assert.True((await _bot.Subscriptions.GetAsync(SlackPlatform.Key("T0GRIDWS2", "C0GRID02")))!.Active);
        Assert.True((await _bot.Subscriptions.GetAsync(SlackPlatform.Key("T0ACME001", "C0ACME01")))!.Active);
    }

    [Fact]
    public async Task An_uninstall_that_arrives_after_a_reinstall_leaves_the_new_installation_alone()
    {
        var before = Now - 60;
        await _bot.InstallAsync(_acme);

        await _bot.EventAsync(SlackPayloads.Uninstalled("Ev0UNINST2", SlackPayloads.Origin.Of(_acme), before));
        await _bot.ProcessedAsync("Ev0UNINST2");

        Assert.Equal(_bot.Slack.OAuth.TokenOf(_acme), (await _bot.Installations.FindAsync("team:T0ACME001"))!.BotToken.Value);
        Assert.True((await _bot.Subscriptions.GetAsync(SlackPlatform.Key("T0ACME001", "C0ACME01")))!.Active);
    }

    [Fact]
    public async Task Installing_again_after_an_uninstall_brings_the_workspace_back()
    {
        _bot.Slack.OAuth.Uninstall(_acme);
        await _bot.EventAsync(SlackPayloads.Uninstalled("Ev0UNINST3", SlackPayloads.Origin.Of(_acme), Now));
        await _bot.ProcessedAsync("Ev0UNINST3");

        await _bot.InstallAsync(_acme);
        await _bot.EventAsync(SlackPayloads.Mention("Ev0MENTA02", "C0ACME01", "usage graph broken", from: SlackPayloads.Origin.Of(_acme)));
        await _bot.ProcessedAsync("Ev0MENTA02");

        Assert.Equal(_bot.Slack.OAuth.TokenOf(_acme), _bot.Slack.Posts().Last(c => c.Channel == "C0ACME01").Token);
    }

    [Fact]
    public async Task A_refused_slack_bot_token_is_left_for_the_operator_and_its_posts_wait()
    {
        _bot.Slack.OAuth.Uninstall(FakeSlack.Default);

        var result = await _bot.Messenger.SendAsync(new OutboundMessage(SlackPlatform.Address(FakeSlack.TeamId, "C0DEFLT1"), Welcome));

        Assert.Equal(SendOutcome.RetryLater, result.Outcome);
        Assert.Equal("invalid_auth", result.Error);
    }

    /// <summary>
    /// Acme's subscriptions are off, its events are acknowledged and not answered, a post there is
    /// refused as gone without a call to Slack, and Beta carries on as before.
    /// </summary>
    private async Task AssertNothingPostedAnyMoreInAcmeAsync()
    {
        Assert.False((await _bot.Subscriptions.GetAsync(SlackPlatform.Key("T0ACME001", "C0ACME01")))!.Active);
        Assert.False((await _bot.Subscriptions.GetAsync(SlackPlatform.Key("T0ACME001", "C0ACME02")))!.Active);
        Assert.True((await _bot.Subscriptions.GetAsync(SlackPlatform.Key("T0BETA001", "C0BETA01")))!.Active);
        var callsBefore = _bot.Slack.Calls.Count;

        await _bot.EventAsync(SlackPayloads.Mention("Ev0AFTER01", "C0ACME02", "usage graph broken", from: SlackPayloads.Origin.Of(_acme)));
        await _bot.ProcessedAsync("Ev0AFTER01");
        var announcement = await _bot.Messenger.SendAsync(new OutboundMessage(SlackPlatform.Address("T0ACME001", "C0ACME02"), Welcome));
        await _bot.EventAsync(SlackPayloads.Mention("Ev0AFTERB1", "C0BETA01", "usage graph broken", from: SlackPayloads.Origin.Of(_beta)));
        await _bot.ProcessedAsync("Ev0AFTERB1");

        Assert.Equal((SendOutcome.Permanent, true), (announcement.Outcome, announcement.ConversationGone));
        var since = _bot.Slack.Calls.Skip(callsBefore).ToList();
        Assert.DoesNotContain(since, c => c.Channel is "C0ACME01" or "C0ACME02");
        Assert.Single(since, c => c.Channel == "C0BETA01" && c.Token == _bot.Slack.OAuth.TokenOf(_beta));
    }

    private static readonly Notice Welcome = BotConversation.Welcome(SlackPlatform.Syntax);
}
