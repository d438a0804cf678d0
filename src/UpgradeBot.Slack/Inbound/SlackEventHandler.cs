using Microsoft.Extensions.Logging;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Subscriptions;
using UpgradeBot.Slack.Api;
using UpgradeBot.Slack.BlockKit;

namespace UpgradeBot.Slack.Inbound;

/// <summary>
/// Handles one Events API event after it was acknowledged and queued: one handler per event type,
/// looked up in a table. Throws <see cref="SlackRetryLaterException"/> when Slack could not take
/// the answer yet, so the queue keeps the event.
/// </summary>
internal sealed partial class SlackEventHandler
{
    private readonly Dictionary<string, Func<EventEnvelope, SlackEvent, CancellationToken, Task>> _handlers;
    private readonly SlackDialog _dialog;
    private readonly SlackApiClient _api;
    private readonly SlackIdentity _identity;
    private readonly ISubscriptionStore _subscriptions;
    private readonly TimeProvider _time;
    private readonly ILogger<SlackEventHandler> _logger;

    public SlackEventHandler(SlackDialog dialog, SlackApiClient api, SlackIdentity identity, ISubscriptionStore subscriptions, TimeProvider time, ILogger<SlackEventHandler> logger)
    {
        (_dialog, _api, _identity, _subscriptions, _time, _logger) = (dialog, api, identity, subscriptions, time, logger);
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

    public Task HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.Event is { Type: { } type } slackEvent && _handlers.TryGetValue(type, out var handler))
        {
            return handler(envelope, slackEvent, cancellationToken);
        }

        LogIgnored(envelope.Event?.Type);
        return Task.CompletedTask;
    }

    private Task MentionAsync(EventEnvelope envelope, SlackEvent mention, CancellationToken cancellationToken) =>
        // Another bot mentioning us could start a loop of answers.
        mention.BotId is not null
            ? Task.CompletedTask
            : AnswerAsync(envelope, mention, mention.ThreadTs ?? mention.Ts, cancellationToken);

    /// <summary>Only plain messages a person wrote to the bot in its DM; edits, joins and bot posts have a subtype or bot id.</summary>
    private Task DirectMessageAsync(EventEnvelope envelope, SlackEvent message, CancellationToken cancellationToken) =>
        message is { ChannelType: "im", Subtype: null, BotId: null, User: not null }
            ? AnswerAsync(envelope, message, threadTs: null, cancellationToken)
            : Task.CompletedTask;

    private async Task AnswerAsync(EventEnvelope envelope, SlackEvent message, string? threadTs, CancellationToken cancellationToken)
    {
        if (message.ChannelId is not { } channel || message.User is not { } user || TeamOf(envelope, message) is not { } team)
        {
            LogIncomplete(message.Type);
            return;
        }

        var asker = new Asker(SlackChannel.Platform, team, user, user, channel);
        var (_, answer) = await _dialog.RespondAsync(SlackDialog.PlainText(message.Text), asker, channelName: null, cancellationToken).ConfigureAwait(false);
        await PostAsync(team, channel, answer, threadTs, cancellationToken).ConfigureAwait(false);
    }

    private async Task JoinedAsync(EventEnvelope envelope, SlackEvent joined, CancellationToken cancellationToken)
    {
        if (!await IsBotAsync(envelope, joined.User, cancellationToken).ConfigureAwait(false)
            || joined.ChannelId is not { } channel || TeamOf(envelope, joined) is not { } team)
        {
            return;
        }

        await _dialog.SubscribeAsync(SlackChannel.Key(team, channel), channelName: null, cancellationToken).ConfigureAwait(false);
        LogSubscribed(team, channel);
        await PostAsync(team, channel, SlackRenderer.Welcome(), threadTs: null, cancellationToken).ConfigureAwait(false);
    }

    private async Task MemberLeftAsync(EventEnvelope envelope, SlackEvent left, CancellationToken cancellationToken)
    {
        if (await IsBotAsync(envelope, left.User, cancellationToken).ConfigureAwait(false))
        {
            await LeftAsync(envelope, left, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>channel_left and group_left are only sent about the bot itself.</summary>
    private async Task LeftAsync(EventEnvelope envelope, SlackEvent left, CancellationToken cancellationToken)
    {
        if (left.ChannelId is { } channel && TeamOf(envelope, left) is { } team)
        {
            await _subscriptions.DeactivateAsync(SlackChannel.Key(team, channel), _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            LogUnsubscribed(team, channel);
        }
    }

    private async Task UninstalledAsync(EventEnvelope envelope, SlackEvent uninstalled, CancellationToken cancellationToken)
    {
        if (envelope.TeamId is { } team)
        {
            var count = await _subscriptions.DeactivateTenantAsync(SlackChannel.Platform, team, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            LogWorkspaceGone(team, uninstalled.Type, count);
        }
    }

    /// <summary>Revoked user tokens do not concern us; the bot's own token does.</summary>
    private Task TokensRevokedAsync(EventEnvelope envelope, SlackEvent revoked, CancellationToken cancellationToken) =>
        revoked.Tokens?.Bot is { Count: > 0 } ? UninstalledAsync(envelope, revoked, cancellationToken) : Task.CompletedTask;

    private async Task PostAsync(string team, string channel, SlackMessage message, string? threadTs, CancellationToken cancellationToken)
    {
        var result = await _api.PostMessageAsync(channel, message, threadTs, cancellationToken).ConfigureAwait(false);
        switch (result.Status)
        {
            case SlackCallStatus.ChannelGone:
                await _subscriptions.DeactivateAsync(SlackChannel.Key(team, channel), _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                LogChannelGone(team, channel, result.Error);
                break;
            case SlackCallStatus.Transient:
                throw new SlackRetryLaterException(result.Error);
        }
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscribed Slack channel {ChannelId} in {TeamId} (bot added)")]
    private partial void LogSubscribed(string teamId, string channelId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Unsubscribed Slack channel {ChannelId} in {TeamId} (bot removed)")]
    private partial void LogUnsubscribed(string teamId, string channelId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack channel {ChannelId} in {TeamId} is gone for the bot ({Error}); subscription deactivated")]
    private partial void LogChannelGone(string teamId, string channelId, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack workspace {TeamId} removed the bot ({EventType}); {Count} subscriptions deactivated")]
    private partial void LogWorkspaceGone(string teamId, string? eventType, int count);
}

/// <summary>The event types the bot subscribes to (manifests/slack/manifest.yaml lists the same).</summary>
public static class SlackEventTypes
{
    public const string AppMention = "app_mention";
    public const string Message = "message";
    public const string MemberJoinedChannel = "member_joined_channel";
    public const string MemberLeftChannel = "member_left_channel";
    public const string ChannelLeft = "channel_left";
    public const string GroupLeft = "group_left";
    public const string AppUninstalled = "app_uninstalled";
    public const string TokensRevoked = "tokens_revoked";
}

/// <summary>Slack could not take a post for now (rate limit, outage); the inbound event stays queued.</summary>
internal sealed class SlackRetryLaterException(string? error) : Exception($"Slack could not take the post yet ({error}).");
