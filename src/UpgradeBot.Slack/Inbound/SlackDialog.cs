using System.Text.RegularExpressions;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Subscriptions;
using UpgradeBot.Slack.BlockKit;

namespace UpgradeBot.Slack.Inbound;

/// <summary>
/// What the bot says to a line of text, wherever it came from (a mention, a DM, <c>/upgrade</c>):
/// the four commands or a question for Core.
/// </summary>
internal sealed partial class SlackDialog(IAnswerService answers, ISubscriptionStore subscriptions, TimeProvider time)
{
    public async Task<(BotCommandKind Kind, SlackMessage Message)> RespondAsync(string text, Asker asker, string? channelName, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var kind = BotCommand.Parse(text);
        var key = SlackChannel.Key(asker.TenantId, asker.ConversationId);
        var message = kind switch
        {
            BotCommandKind.Help => SlackRenderer.Reply(answers.Help()),
            BotCommandKind.Status => SlackRenderer.Reply(await answers.StatusAsync(now, cancellationToken).ConfigureAwait(false)),
            BotCommandKind.Subscribe => await SubscribedAsync(key, channelName, cancellationToken).ConfigureAwait(false),
            BotCommandKind.Unsubscribe => await UnsubscribeAsync(key, now, cancellationToken).ConfigureAwait(false),
            _ => SlackRenderer.Reply(await answers.AnswerAsync(new Inquiry(text.Trim(), now, asker), cancellationToken).ConfigureAwait(false)),
        };
        return (kind, message);
    }

    public Task SubscribeAsync(ConversationKey key, string? channelName, CancellationToken cancellationToken) =>
        subscriptions.SubscribeAsync(key, new SlackConversation(key.TenantId, key.ChannelId).Serialize(), channelName, time.GetUtcNow(), cancellationToken);

    /// <summary>
    /// The question as the user typed it: mentions of users (the bot's own <c>&lt;@U…&gt;</c>) removed,
    /// and Slack's escaping of &amp;, &lt; and &gt; undone.
    /// </summary>
    public static string PlainText(string? slackText) =>
        Mention().Replace(slackText ?? string.Empty, " ")
            .Replace("&lt;", "<", StringComparison.Ordinal)
            .Replace("&gt;", ">", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal)
            .Trim();

    private async Task<SlackMessage> SubscribedAsync(ConversationKey key, string? channelName, CancellationToken cancellationToken)
    {
        await SubscribeAsync(key, channelName, cancellationToken).ConfigureAwait(false);
        return SlackRenderer.Notice("This conversation now gets public cloud upgrade announcements. Use /upgrade unsubscribe to stop them.");
    }

    private async Task<SlackMessage> UnsubscribeAsync(ConversationKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var was = await subscriptions.DeactivateAsync(key, now, cancellationToken).ConfigureAwait(false);
        return SlackRenderer.Notice(was
            ? "No more upgrade announcements here. Use /upgrade subscribe to get them again."
            : "This conversation was not getting upgrade announcements.");
    }

    [GeneratedRegex(@"<@[UW][A-Z0-9]+(\|[^>]*)?>", RegexOptions.CultureInvariant)]
    private static partial Regex Mention();
}
