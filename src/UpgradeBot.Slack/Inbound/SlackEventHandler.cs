using UpgradeBot.Core.Conversations;
using UpgradeBot.Slack.Outbound;

namespace UpgradeBot.Slack.Inbound;

/// <summary>
/// Translates one Events API event (after it was acknowledged and queued) into a call on Core's
/// <see cref="BotConversation"/>, one handler per event type in a table, and posts what Core says
/// through the <see cref="SlackMessenger"/>. Each event is first authorized by the installation it
/// was delivered for, which says who the bot is in that workspace; an event from a workspace
/// without one is not handled. The send's result goes back to the queue, which decides whether the
/// event is done or tried again.
/// </summary>
internal sealed partial class SlackEventHandler
{
    private readonly Dictionary<string, Func<EventEnvelope, SlackEvent, CancellationToken, Task<SendResult>>> _handlers;
    private readonly BotConversation _conversation;
    private readonly SlackMessenger _messenger;
    private readonly SlackInstallations _installations;
    private readonly SlackCustomers _customers;
    private readonly SlackHome _home;
    private readonly ILogger<SlackEventHandler> _logger;

    public SlackEventHandler(
        BotConversation conversation,
        SlackMessenger messenger,
        SlackInstallations installations,
        SlackCustomers customers,
        SlackHome home,
        ILogger<SlackEventHandler> logger)
    {
        (_conversation, _messenger, _installations, _customers, _home, _logger) = (conversation, messenger, installations, customers, home, logger);
        _handlers = new(StringComparer.Ordinal)
        {
            [Mention] = Authorized(MentionAsync),
            [Message] = Authorized(DirectMessageAsync),
            ["member_joined_channel"] = Authorized(JoinedAsync),
            ["member_left_channel"] = Authorized(MemberLeftAsync),
            ["channel_left"] = Authorized(LeftAsync),
            ["group_left"] = Authorized(LeftAsync),
            ["app_home_opened"] = Authorized(HomeOpenedAsync),
            // The app is gone from the workspace: no installation is left to authorize these by.
            ["app_uninstalled"] = UninstalledAsync,
            ["tokens_revoked"] = TokensRevokedAsync,
            ["team_access_revoked"] = TeamAccessRevokedAsync,
        };
    }

    /// <summary>The event types handled; manifests/slack/manifest.yaml subscribes the bot to exactly these.</summary>
    public IEnumerable<string> EventTypes => _handlers.Keys;

    /// <summary>
    /// Whether an event of this type is answered with a post, which counts against the workspace's
    /// cap; the others (joins, leaves, the Home tab, uninstalls) never wait for it.
    /// </summary>
    public static bool Answers(string? type) => type is Mention or Message;

    private const string Mention = "app_mention";
    private const string Message = "message";

    private static Task<SendResult> Nothing { get; } = Task.FromResult(SendResult.Sent());

    public Task<SendResult> HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.Event is not { Type: { } type } slackEvent || !_handlers.TryGetValue(type, out var handler))
        {
            LogIgnored(envelope.Event?.Type);
            return Nothing;
        }

        return handler(envelope, slackEvent, cancellationToken);
    }

    /// <summary>A handler that runs once the event is authorized by the installation it was delivered for.</summary>
    private Func<EventEnvelope, SlackEvent, CancellationToken, Task<SendResult>> Authorized(
        Func<EventEnvelope, SlackEvent, SlackInstallation, CancellationToken, Task<SendResult>> handler) =>
        async (envelope, slackEvent, cancellationToken) =>
        {
            var authorization = await _installations.AuthorizeAsync(envelope.Installation, cancellationToken).ConfigureAwait(false);
            switch (authorization)
            {
                case { Status: SlackAuthorizationStatus.Installed, Installation: { } installation }:
                    return await handler(envelope, slackEvent, installation, cancellationToken).ConfigureAwait(false);
                case { Status: SlackAuthorizationStatus.NotInstalled }:
                    _installations.NotInstalledHere(envelope.Installation);
                    return SendResult.Sent();
                default:
                    return SendResult.RetryLater(authorization.Reason ?? "unavailable", authorization.RetryAfter);
            }
        };

    /// <summary>Another bot mentioning us could start a loop of answers; our own posts are never questions.</summary>
    private Task<SendResult> MentionAsync(EventEnvelope envelope, SlackEvent mention, SlackInstallation installation, CancellationToken cancellationToken) =>
        mention.BotId is not null || mention.User == installation.BotUserId
            ? Nothing
            : AnswerAsync(envelope, mention, installation, mention.ThreadTs ?? mention.Ts, cancellationToken);

    /// <summary>
    /// Only messages a person wrote to the bot in its DM: plain ones, and ones with a file attached
    /// (a screenshot with the question as its text). Edits, joins and bot posts (ours included) have
    /// another subtype, a bot id, or the bot as their user.
    /// </summary>
    private Task<SendResult> DirectMessageAsync(EventEnvelope envelope, SlackEvent message, SlackInstallation installation, CancellationToken cancellationToken) =>
        message is { ChannelType: "im", Subtype: null or "file_share", BotId: null, User: { } user } && user != installation.BotUserId
            ? AnswerAsync(envelope, message, installation, threadTs: null, cancellationToken)
            : Nothing;

    private async Task<SendResult> AnswerAsync(EventEnvelope envelope, SlackEvent message, SlackInstallation installation, string? threadTs, CancellationToken cancellationToken)
    {
        if (message.ChannelId is not { } channel || message.User is not { } user || TeamOf(envelope, message) is not { } team)
        {
            LogIncomplete(message.Type);
            return SendResult.Sent();
        }

        var asker = SlackCustomers.Asker(installation, team, user, user, channel);
        var utterance = new Utterance(
            SlackText.Plain(message.Text), asker, Address(envelope, installation, team, channel), ConversationName: null, SlackPlatform.Syntax, _customers.Access(installation, team, user));
        var response = await _conversation.RespondAsync(utterance, cancellationToken).ConfigureAwait(false);
        return await PostAsync(utterance.Conversation, response.Content, threadTs, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SendResult> JoinedAsync(EventEnvelope envelope, SlackEvent joined, SlackInstallation installation, CancellationToken cancellationToken)
    {
        if (joined.User != installation.BotUserId || joined.ChannelId is not { } channel || TeamOf(envelope, joined) is not { } team)
        {
            return SendResult.Sent();
        }

        var address = Address(envelope, installation, team, channel);
        // Whoever invited the bot to a channel did not install the app: there is no installer to record.
        var welcome = await _conversation.JoinedAsync(
            address, name: null, SlackPlatform.Syntax, SlackCustomers.Customer(installation, team), installedBy: null, SlackCustomers.WhoMayChange(installation), cancellationToken)
            .ConfigureAwait(false);
        return welcome is null ? SendResult.Sent() : await PostAsync(address, welcome, threadTs: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The Home tab, drawn afresh each time it is opened; the app's messages tab needs nothing.</summary>
    private Task<SendResult> HomeOpenedAsync(EventEnvelope envelope, SlackEvent opened, SlackInstallation installation, CancellationToken cancellationToken) =>
        opened is { Tab: "home", User: { } user } && TeamOf(envelope, opened) is { } team
            ? _home.PublishAsync(installation, team, user, envelope.ApiAppId, cancellationToken)
            : Nothing;

    private Task<SendResult> MemberLeftAsync(EventEnvelope envelope, SlackEvent left, SlackInstallation installation, CancellationToken cancellationToken) =>
        left.User == installation.BotUserId ? LeftAsync(envelope, left, installation, cancellationToken) : Nothing;

    /// <summary>channel_left and group_left are only sent about the bot itself.</summary>
    private async Task<SendResult> LeftAsync(EventEnvelope envelope, SlackEvent left, SlackInstallation installation, CancellationToken cancellationToken)
    {
        if (left.ChannelId is { } channel && TeamOf(envelope, left) is { } team)
        {
            await _conversation.LeftAsync(SlackPlatform.Key(team, channel), lastLeavesTenant: false, cancellationToken).ConfigureAwait(false);
        }

        return SendResult.Sent();
    }

    private async Task<SendResult> UninstalledAsync(EventEnvelope envelope, SlackEvent uninstalled, CancellationToken cancellationToken)
    {
        await _installations.UninstalledAsync(envelope.Installation, envelope.HappenedAt, cancellationToken).ConfigureAwait(false);
        return SendResult.Sent();
    }

    /// <summary>Revoked user tokens do not concern us; the bot's own token does.</summary>
    private Task<SendResult> TokensRevokedAsync(EventEnvelope envelope, SlackEvent revoked, CancellationToken cancellationToken) =>
        revoked.Tokens?.Bot is { Count: > 0 } ? UninstalledAsync(envelope, revoked, cancellationToken) : Nothing;

    /// <summary>Sent to an org-wide app when workspaces of its organization no longer let it in.</summary>
    private async Task<SendResult> TeamAccessRevokedAsync(EventEnvelope envelope, SlackEvent revoked, CancellationToken cancellationToken)
    {
        await _installations.WorkspacesRevokedAsync(envelope.Installation.EnterpriseId, revoked.TeamIds ?? [], cancellationToken).ConfigureAwait(false);
        return SendResult.Sent();
    }

    /// <summary>A channel that is gone for the bot is unsubscribed, and the event is done: there is nobody to answer.</summary>
    private async Task<SendResult> PostAsync(ConversationAddress to, MessageContent content, string? threadTs, CancellationToken cancellationToken)
    {
        var result = await _messenger.SendAsync(new OutboundMessage(to, content, threadTs, MaxWait: SlackInboundQueue.MaxSendWait), cancellationToken).ConfigureAwait(false);
        if (result.ConversationGone)
        {
            await _conversation.LeftAsync(to.Key, lastLeavesTenant: false, cancellationToken).ConfigureAwait(false);
            LogChannelGone(to.Key.TenantId, to.Key.ChannelId, result.Error);
        }

        return result;
    }

    /// <summary>The channel's address; it names the organization too, so a post later finds an org-wide installation.</summary>
    private static ConversationAddress Address(EventEnvelope envelope, SlackInstallation installation, string team, string channel) =>
        SlackPlatform.Address(team, channel, envelope.Installation.EnterpriseId ?? installation.EnterpriseId);

    private static string? TeamOf(EventEnvelope envelope, SlackEvent slackEvent) => envelope.TeamId ?? slackEvent.Team;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored Slack event of type {EventType}")]
    private partial void LogIgnored(string? eventType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {EventType} event without channel, user or team; nothing to answer")]
    private partial void LogIncomplete(string? eventType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack channel {ChannelId} in {TeamId} is gone for the bot ({Error}); subscription deactivated")]
    private partial void LogChannelGone(string teamId, string channelId, string? error);
}
