using Microsoft.Extensions.DependencyInjection;
using UpgradeBot.Core.Conversations;
using UpgradeBot.Core.Messaging;
using UpgradeBot.Slack.Installations;
using UpgradeBot.Testing;

namespace UpgradeBot.Slack.Tests;

/// <summary>
/// Token rotation: bot tokens that expire, refreshed before they do with one-use refresh tokens.
/// The posts here are sent the way scheduled announcements are, with no inbound event before them.
/// </summary>
public sealed class TokenRotationTests : IAsyncLifetime
{
    private SlackBot _first = null!;
    private SlackBot _second = null!;
    private SlackWorkspace _acme = null!;

    public async ValueTask InitializeAsync()
    {
        _first = await SlackBot.StartAsync();
        _second = await SlackBot.StartAsync(sharing: _first);
        _acme = _first.Slack.AddWorkspace("T0ACME001", "Acme Backup Admins");
        // Installed with a token that expires in half a minute: too soon to post with while it is being refreshed.
        _first.Slack.OAuth.InstallTokenLifetime = TimeSpan.FromSeconds(30);
        _first.Slack.OAuth.RefreshDelay = TimeSpan.FromMilliseconds(300);
        await _first.InstallAsync(_acme);
    }

    public async ValueTask DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task A_token_about_to_expire_is_refreshed_once_for_concurrent_sends_from_two_instances()
    {
        var installed = _first.Slack.OAuth.TokenOf(_acme);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => SendUntilDoneAsync(i % 2 == 0 ? _first : _second, $"C0ROT{i:D4}")));

        Assert.All(results, r => Assert.Equal(SendOutcome.Sent, r.Outcome));
        Assert.Equal(1, _first.Slack.OAuth.Refreshes);
        Assert.Equal(0, _first.Slack.OAuth.ReusedRefreshTokens);
        var refreshed = _first.Slack.OAuth.TokenOf(_acme);
        Assert.NotEqual(installed, refreshed);
        Assert.All(_first.Slack.Posts(), post => Assert.Equal(refreshed, post.Token));
        var stored = await _second.Installations.FindAsync("team:T0ACME001");
        Assert.Equal(refreshed, stored!.BotToken.Value);
        Assert.True(stored.TokenExpiresAt > DateTimeOffset.UtcNow.AddHours(11));
        Assert.DoesNotContain(_first.Logs.Lines.Concat(_second.Logs.Lines), l => l.Message.Contains(refreshed, StringComparison.Ordinal) || l.Message.Contains(installed, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refresh_token_slack_refuses_ends_the_installation()
    {
        // The workspace removed the app and no event said so: the refresh is the first to learn it.
        _first.Slack.OAuth.Uninstall(_acme);

        var result = await _first.Messenger.SendAsync(new OutboundMessage(SlackPlatform.Address("T0ACME001", "C0ROT0001"), Welcome));

        Assert.Equal((SendOutcome.Permanent, true), (result.Outcome, result.ConversationGone));
        Assert.Null(await _first.Installations.FindAsync("team:T0ACME001"));
        Assert.Empty(_first.Slack.Posts());
    }

    /// <summary>Sends as the announcement outbox does: again when told to, after the time it is told.</summary>
    private static async Task<SendResult> SendUntilDoneAsync(SlackBot bot, string channel) =>
        await Eventually.Until(
            async () =>
            {
                var result = await bot.Messenger.SendAsync(new OutboundMessage(SlackPlatform.Address("T0ACME001", channel), Welcome));
                if (result.Outcome == SendOutcome.RetryLater)
                {
                    await Task.Delay(result.RetryAfter ?? TimeSpan.FromMilliseconds(100));
                }

                return result;
            },
            result => result.Outcome != SendOutcome.RetryLater,
            what: $"a post to {channel}");

    private static readonly Notice Welcome = BotConversation.Welcome(SlackPlatform.Syntax);
}
