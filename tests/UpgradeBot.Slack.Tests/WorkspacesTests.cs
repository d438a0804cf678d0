using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UpgradeBot.Core.Conversations;
using UpgradeBot.Core.Messaging;
using UpgradeBot.Testing;

namespace UpgradeBot.Slack.Tests;

/// <summary>Several workspaces installed through "Add to Slack", each answered and posted to with its own installation.</summary>
public sealed class WorkspacesTests : IAsyncLifetime
{
    private SlackBot _bot = null!;
    private SlackWorkspace _acme = null!;
    private SlackWorkspace _beta = null!;

    public async ValueTask InitializeAsync()
    {
        _bot = await SlackBot.StartAsync();
        _acme = await _bot.InstallNewAsync("T0ACME001", "Acme Backup Admins");
        _beta = await _bot.InstallNewAsync("T0BETA001", "Beta Hosting");
    }

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    [Fact]
    public async Task Mentions_in_two_workspaces_are_answered_each_with_its_own_token()
    {
        await _bot.EventAsync(SlackPayloads.Mention("Ev0ACME001", "C0ACME01", "usage graph broken", from: SlackPayloads.Origin.Of(_acme)));
        await _bot.EventAsync(SlackPayloads.Mention("Ev0BETA001", "C0BETA01", "usage graph broken", from: SlackPayloads.Origin.Of(_beta)));
        await _bot.EventAsync(SlackPayloads.Mention("Ev0DEFLT01", "C0DEFLT1", "usage graph broken"));
        await _bot.ProcessedAsync("Ev0ACME001");
        await _bot.ProcessedAsync("Ev0BETA001");
        await _bot.ProcessedAsync("Ev0DEFLT01");

        Assert.Equal(_bot.Slack.OAuth.TokenOf(_acme), Assert.Single(_bot.Slack.Posts(), c => c.Channel == "C0ACME01").Token);
        Assert.Equal(_bot.Slack.OAuth.TokenOf(_beta), Assert.Single(_bot.Slack.Posts(), c => c.Channel == "C0BETA01").Token);
        // The workspace of Slack:BotToken keeps working beside them.
        Assert.Equal(FakeSlack.Token, Assert.Single(_bot.Slack.Posts(), c => c.Channel == "C0DEFLT1").Token);
        Assert.NotEqual(_bot.Slack.OAuth.TokenOf(_acme), _bot.Slack.OAuth.TokenOf(_beta));
    }

    [Fact]
    public async Task The_bot_knows_itself_in_each_workspace_by_that_installation()
    {
        // Beta's bot joining a channel in Beta is the bot; Acme's bot user is nobody special in Beta.
        await _bot.EventAsync(SlackPayloads.Membership("Ev0JOINB01", "member_joined_channel", "C0JOINB1", from: SlackPayloads.Origin.Of(_beta)));
        await _bot.EventAsync(SlackPayloads.Membership("Ev0JOINB02", "member_joined_channel", "C0JOINB2", user: _acme.BotUserId, from: SlackPayloads.Origin.Of(_beta)));
        // Its own message in Beta, without a bot id, is no question.
        await _bot.EventAsync(SlackPayloads.Envelope("Ev0SELFB01", new Dictionary<string, object>
        {
            ["type"] = "message",
            ["user"] = _beta.BotUserId,
            ["text"] = "usage graph broken",
            ["ts"] = "1700000200.000300",
            ["channel"] = "D0BETADM",
            ["channel_type"] = "im",
        }, SlackPayloads.Origin.Of(_beta)));
        foreach (var id in new[] { "Ev0JOINB01", "Ev0JOINB02", "Ev0SELFB01" })
        {
            await _bot.ProcessedAsync(id);
        }

        var welcome = Assert.Single(_bot.Slack.Posts(), c => c.Channel == "C0JOINB1");
        Assert.Equal(_bot.Slack.OAuth.TokenOf(_beta), welcome.Token);
        Assert.True((await _bot.Subscriptions.GetAsync(SlackPlatform.Key("T0BETA001", "C0JOINB1")))?.Active);
        Assert.Null(await _bot.Subscriptions.GetAsync(SlackPlatform.Key("T0BETA001", "C0JOINB2")));
        Assert.DoesNotContain(_bot.Slack.Posts(), c => c.Channel is "C0JOINB2" or "D0BETADM");
    }

    [Fact]
    public async Task An_event_from_a_workspace_without_installation_is_acknowledged_not_handled_and_logged_once()
    {
        var stranger = new SlackWorkspace("T0NOPE001", "Not installed", null, "UBNOPE", "BBNOPE");

        var first = await _bot.EventAsync(SlackPayloads.Mention("Ev0NOPE001", "C0NOPE01", "usage graph broken", from: SlackPayloads.Origin.Of(stranger)));
        var second = await _bot.EventAsync(SlackPayloads.Mention("Ev0NOPE002", "C0NOPE01", "usage graph broken", from: SlackPayloads.Origin.Of(stranger)));
        await _bot.ProcessedAsync("Ev0NOPE001");
        await _bot.ProcessedAsync("Ev0NOPE002");
        var command = await _bot.SendAsync("/api/slack/commands", SlackBot.Form(
            ("team_id", "T0NOPE001"), ("channel_id", "C0NOPE01"), ("user_id", "U0USER01"), ("command", "/upgrade"), ("text", "help")), "application/x-www-form-urlencoded");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode, command.StatusCode));
        Assert.Contains("not installed", await command.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(_bot.Slack.Posts(), c => c.Channel == "C0NOPE01");
        Assert.Single(_bot.Logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("T0NOPE001", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_org_wide_install_answers_in_each_of_its_workspaces_naming_the_workspace_with_its_token()
    {
        var grid = _bot.Slack.AddOrganization("E0GRID001", "Grid Corp");
        await _bot.InstallAsync(grid);

        await _bot.EventAsync(SlackPayloads.Mention("Ev0GRID001", "C0GRID01", "usage graph broken", from: SlackPayloads.Origin.Of(grid, "T0GRIDWS1")));
        await _bot.EventAsync(SlackPayloads.Membership("Ev0GRID002", "member_joined_channel", "C0GRID02", from: SlackPayloads.Origin.Of(grid, "T0GRIDWS2")));
        await _bot.ProcessedAsync("Ev0GRID001");
        await _bot.ProcessedAsync("Ev0GRID002");

        var answer = Assert.Single(_bot.Slack.Posts(), c => c.Channel == "C0GRID01");
        Assert.Equal((_bot.Slack.OAuth.TokenOf(grid), "T0GRIDWS1"), (answer.Token, answer.Team));
        var welcome = Assert.Single(_bot.Slack.Posts(), c => c.Channel == "C0GRID02");
        Assert.Equal((_bot.Slack.OAuth.TokenOf(grid), "T0GRIDWS2"), (welcome.Token, welcome.Team));
        // An announcement later, with no event before it, finds the organization's installation through the subscription.
        var subscription = await _bot.Subscriptions.GetAsync(SlackPlatform.Key("T0GRIDWS2", "C0GRID02"));
        Assert.Equal(SendOutcome.Sent, (await _bot.Messenger.SendAsync(new OutboundMessage(subscription!.Address, Welcome))).Outcome);
        Assert.Equal(2, _bot.Slack.Posts().Count(c => c.Channel == "C0GRID02" && c.Token == _bot.Slack.OAuth.TokenOf(grid) && c.Team == "T0GRIDWS2"));
    }

    [Fact]
    public async Task Each_workspace_has_its_own_rate_limit()
    {
        await using var bot = await SlackBot.StartAsync(new Dictionary<string, string?>
        {
            // One post a minute and a half per workspace, and none held back to wait for it.
            ["Slack:WorkspaceMessagesPerSecond"] = "0.01",
            ["Slack:MaxSendWait"] = "00:00:00",
        });
        await bot.InstallNewAsync("T0ACME001", "Acme Backup Admins");
        var beta = await bot.InstallNewAsync("T0BETA001", "Beta Hosting");
        var messenger = bot.Messenger;

        var acmeFirst = await messenger.SendAsync(new OutboundMessage(SlackPlatform.Address("T0ACME001", "C0ACME01"), Welcome));
        var acmeSecond = await messenger.SendAsync(new OutboundMessage(SlackPlatform.Address("T0ACME001", "C0ACME02"), Welcome));
        var betaFirst = await messenger.SendAsync(new OutboundMessage(SlackPlatform.Address("T0BETA001", "C0BETA01"), Welcome));

        Assert.Equal(SendOutcome.Sent, acmeFirst.Outcome);
        Assert.Equal((SendOutcome.RetryLater, false), (acmeSecond.Outcome, acmeSecond.Attempted));
        Assert.Equal(SendOutcome.Sent, betaFirst.Outcome);
        Assert.Equal(bot.Slack.OAuth.TokenOf(beta), Assert.Single(bot.Slack.Posts(), c => c.Channel == "C0BETA01").Token);
    }

    private static readonly Notice Welcome = BotConversation.Welcome(SlackPlatform.Syntax);
}
