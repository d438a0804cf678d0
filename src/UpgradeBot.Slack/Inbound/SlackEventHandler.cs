using Microsoft.Extensions.Logging;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Conversations;
using UpgradeBot.Core.Messaging;
using UpgradeBot.Slack.Api;
using UpgradeBot.Slack.Outbound;

namespace UpgradeBot.Slack.Inbound;

/// <summary>
/// Translates one Events API event (after it was acknowledged and queued) into a call on Core's
/// <see cref="BotConversation"/>, one handler per event type in a table, and posts what Core says
/// through the <see cref="SlackMessenger"/>. The send's result goes back to the queue, which decides
/// whether the event is done or tried again.
/// </summary>
internal sealed partial class SlackEventHandler
{
    private readonly Dictionary<string, Func<EventEnvelope, SlackEvent, CancellationToken, Task<SendResult>>> _handlers;
    private readonly BotConversation _conversation;
    private readonly SlackMessenger _messenger;
    private readonly SlackIdentity _identity;
    private readonly ILogger<SlackEventHandler> _logger;

    public SlackEventHandler(BotConversation conversation, SlackMessenger messenger, SlackIdentity identity, ILogger<SlackEventHandler> logger)
    {
        (_conversation, _messenger, _identity, _logger) = (conversation, messenger, identity, logger);
        _handlers = new(StringComparer.Ordinal)
        {
            [SlackEventTypes.AppMention] = MentionAsync,
            [SlackEventTypes.Message] = DirectMessageAsync,
            [SlackEventTypes.MemberJoinedChannel] = JoinedAsync,
            [SlackEventTypes.MemberLeftChannel] = MemberLeftAsync,
            [SlackEventTypes.ChannelLeft] = LeftAsync,
            [SlackEventTypes.GroupLeft] = LeftAsync,
            [SlackEventTypes.AppUninstalled] = UninstalledAsync,
            [SlackEventTypes.TokensRevoked] = TokensRevokedAsync,
        };
    }

    private static Task<SendResult> Nothing { get; } = Task.FromResult(SendResult.Sent());

    public Task<SendResult> HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.Event is { Type: { } type } slackEvent && _handlers.TryGetValue(type, out var handler))
        {
            return handler(envelope, slackEvent, cancellationToken);
        }

        LogIgnored(envelope.Event?.Type);
        return Nothing;
    }

    private Task<SendResult> MentionAsync(EventEnvelope envelope, SlackEvent mention, CancellationToken cancellationToken) =>
        // Another bot mentioning us could start a loop of answers.
        mention.BotId is not null
            ? Nothing
            : AnswerAsync(envelope, mention, mention.ThreadTs ?? mention.Ts, cancellationToken);

    /// <summary>
    /// Only messages a person wrote to the bot in its DM: plain ones, and ones with a file attached
    /// (a screenshot with the question as its text). Edits, joins and bot posts have another subtype or a bot id.
    /// </summary>
    private Task<SendResult> DirectMessageAsync(EventEnvelope envelope, SlackEvent message, CancellationToken cancellationToken) =>
        message is { ChannelType: "im", Subtype: null or "file_share", BotId: null, User: not null }
            ? AnswerAsync(envelope, message, threadTs: null, cancellationToken)
            : Nothing;

    private async Task<SendResult> AnswerAsync(EventEnvelope envelope, SlackEvent message, string? threadTs, CancellationToken cancellationToken)
    {
        if (message.ChannelId is not { } channel || message.User is not { } user || TeamOf(envelope, message) is not { } team)
        {
            LogIncomplete(message.Type);
            return SendResult.Sent();
        }

        var asker = new Asker(SlackPlatform.Name, team, user, user, channel);
        var utterance = new Utterance(SlackText.Plain(message.Text), asker, SlackPlatform.Address(team, channel), ConversationName: null, SlackPlatform.Syntax);
        var response = await _conversation.RespondAsync(utterance, cancellationToken).ConfigureAwait(false);
        return await PostAsync(utterance.Conversation, response.Content, threadTs, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SendResult> JoinedAsync(EventEnvelope envelope, SlackEvent joined, CancellationToken cancellationToken)
    {
        if (!await IsBotAsync(envelope, joined.User, cancellationToken).ConfigureAwait(false)
            || joined.ChannelId is not { } channel || TeamOf(envelope, joined) is not { } team)
        {
            return SendResult.Sent();
        }

        var address = SlackPlatform.Address(team, channel);
        var welcome = await _conversation.JoinedAsync(address, name: null, SlackPlatform.Syntax, cancellationToken).ConfigureAwait(false);
        return welcome is null ? SendResult.Sent() : await PostAsync(address, welcome, threadTs: null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SendResult> MemberLeftAsync(EventEnvelope envelope, SlackEvent left, CancellationToken cancellationToken) =>
        await IsBotAsync(envelope, left.User, cancellationToken).ConfigureAwait(false)
            ? await LeftAsync(envelope, left, cancellationToken).ConfigureAwait(false)
            : SendResult.Sent();

    /// <summary>channel_left and group_left are only sent about the bot itself.</summary>
    private async Task<SendResult> LeftAsync(EventEnvelope envelope, SlackEvent left, CancellationToken cancellationToken)
    {
        if (left.ChannelId is { } channel && TeamOf(envelope, left) is { } team)
        {
            await _conversation.LeftAsync(SlackPlatform.Key(team, channel), cancellationToken).ConfigureAwait(false);
        }

        return SendResult.Sent();
    }

    private async Task<SendResult> UninstalledAsync(EventEnvelope envelope, SlackEvent uninstalled, CancellationToken cancellationToken)
    {
        if (envelope.TeamId is { } team)
        {
            await _conversation.RemovedFromTenantAsync(SlackPlatform.Name, team, cancellationToken).ConfigureAwait(false);
        }

        return SendResult.Sent();
    }

    /// <summary>Revoked user tokens do not concern us; the bot's own token does.</summary>
    private Task<SendResult> TokensRevokedAsync(EventEnvelope envelope, SlackEvent revoked, CancellationToken cancellationToken) =>
        revoked.Tokens?.Bot is { Count: > 0 } ? UninstalledAsync(envelope, revoked, cancellationToken) : Nothing;

    /// <summary>A channel that is gone for the bot is unsubscribed, and the event is done: there is nobody to answer.</summary>
    private async Task<SendResult> PostAsync(ConversationAddress to, MessageContent content, string? threadTs, CancellationToken cancellationToken)
    {
        var result = await _messenger.SendAsync(new OutboundMessage(to, content, threadTs, MaxWait: SlackInboundQueue.MaxSendWait), cancellationToken).ConfigureAwait(false);
        if (result.ConversationGone)
        {
            await _conversation.LeftAsync(to.Key, cancellationToken).ConfigureAwait(false);
            LogChannelGone(to.Key.TenantId, to.Key.ChannelId, result.Error);
        }

        return result;
    }

    private async Task<bool> IsBotAsync(EventEnvelope envelope, string? user, CancellationToken cancellationToken)
    {
        if (user is null)
        {
            return false;
        }

        // The verified payload names the bot it was delivered for; auth.test is only the fallback.
        var bot = envelope.Authorizations?.FirstOrDefault(a => a.IsBot)?.UserId
            ?? (await _identity.GetAsync(cancellationToken).ConfigureAwait(false))?.UserId;
        return bot == user;
    }

    private static string? TeamOf(EventEnvelope envelope, SlackEvent slackEvent) => envelope.TeamId ?? slackEvent.Team;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored Slack event of type {EventType}")]
    private partial void LogIgnored(string? eventType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {EventType} event without channel, user or team; nothing to answer")]
    private partial void LogIncomplete(string? eventType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack channel {ChannelId} in {TeamId} is gone for the bot ({Error}); subscription deactivated")]
    private partial void LogChannelGone(string teamId, string channelId, string? error);
}
