using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Conversations;
using UpgradeBot.Core.Escalation;

namespace UpgradeBot.Slack.Inbound;

/// <summary>
/// Handles a queued <c>block_actions</c> payload, when the click comes from a workspace the app is
/// installed in: the escalate button, through Core's <see cref="BotConversation"/>; and the Customer
/// Champions post's buttons, through Core's <see cref="EscalationStates"/>. The answer goes back
/// through the payload's response_url (which needs no token): for an escalation, the message the
/// button was on, redrawn with the reference, or, when nothing was escalated, a notice to the
/// clicker alone with the message left as it was; for a Customer Champion, a notice to them alone
/// (their post is updated in place by the escalation outbox, for everyone).
/// </summary>
internal sealed partial class SlackInteractionHandler(
    BotConversation conversation,
    EscalationStates states,
    SlackApiClient api,
    SlackInstallations installations,
    ILogger<SlackInteractionHandler> logger)
{
    /// <summary>The buttons of ours a click can come from.</summary>
    public static bool Handles(string? actionId) =>
        actionId is SlackRenderer.EscalateActionId or SlackRenderer.AcknowledgeActionId or SlackRenderer.ResolveActionId;

    public async Task<SendResult> HandleAsync(InteractionPayload payload, CancellationToken cancellationToken)
    {
        var action = payload.Actions?.FirstOrDefault(a => Handles(a?.ActionId));
        if (action is null)
        {
            return SendResult.Sent();
        }

        var authorization = await installations.AuthorizeAsync(payload.Installation, cancellationToken).ConfigureAwait(false);
        if (authorization.Status == SlackAuthorizationStatus.NotInstalled)
        {
            installations.NotInstalledHere(payload.Installation);
            return SendResult.Sent();
        }

        if (authorization.Status == SlackAuthorizationStatus.Unavailable)
        {
            return SendResult.RetryLater(authorization.Reason ?? "unavailable", authorization.RetryAfter);
        }

        if (!Uri.TryCreate(payload.ResponseUrl, UriKind.Absolute, out var responseUrl) || responseUrl.Scheme is not ("https" or "http"))
        {
            LogNoResponseUrl();
            return SendResult.Sent();
        }

        var installation = authorization.Installation!;
        return action.ActionId switch
        {
            SlackRenderer.EscalateActionId => await EscalateAsync(payload, installation, action, responseUrl, cancellationToken).ConfigureAwait(false),
            SlackRenderer.AcknowledgeActionId => await AcknowledgeAsync(payload, action, responseUrl, cancellationToken).ConfigureAwait(false),
            _ => await ResolveNotOpenedAsync(payload, action, responseUrl, cancellationToken).ConfigureAwait(false),
        };
    }

    private async Task<SendResult> EscalateAsync(InteractionPayload payload, SlackInstallation installation, BlockAction action, Uri responseUrl, CancellationToken cancellationToken)
    {
        var asker = Asker(payload, installation);
        var context = SlackRenderer.ParseButtonValue(action.Value);
        if (asker is null || context is null)
        {
            LogUnreadableButton(payload.Team?.Id);
            return await RespondAsync(responseUrl, BotConversation.UnreadableButton, replace: false, cancellationToken).ConfigureAwait(false);
        }

        var outcome = await conversation.EscalateAsync(new EscalationRequest(asker, context, Origin(payload, asker)), cancellationToken).ConfigureAwait(false);
        return await RespondAsync(responseUrl, outcome, replace: outcome is Reply, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SendResult> AcknowledgeAsync(InteractionPayload payload, BlockAction action, Uri responseUrl, CancellationToken cancellationToken)
    {
        if (Champion(payload, action) is not { } click)
        {
            LogUnreadableButton(payload.Team?.Id);
            return await RespondAsync(responseUrl, BotConversation.UnknownButton, replace: false, cancellationToken).ConfigureAwait(false);
        }

        var result = await states.ChangeAsync(click.Reference, EscalationState.Acknowledged, click.By, click.From, note: null, cancellationToken).ConfigureAwait(false);
        return await RespondAsync(responseUrl, result.Notice, replace: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A resolve click reaches the queue only when its form was not opened: the clicker is told why.</summary>
    private async Task<SendResult> ResolveNotOpenedAsync(InteractionPayload payload, BlockAction action, Uri responseUrl, CancellationToken cancellationToken)
    {
        if (Champion(payload, action) is not { } click)
        {
            LogUnreadableButton(payload.Team?.Id);
            return await RespondAsync(responseUrl, BotConversation.UnknownButton, replace: false, cancellationToken).ConfigureAwait(false);
        }

        var (_, instead) = await states.ResolveFormAsync(click.Reference, click.From, cancellationToken).ConfigureAwait(false);
        return await RespondAsync(responseUrl, instead ?? EscalationWording.FormNotOpened(click.Reference), replace: false, cancellationToken).ConfigureAwait(false);
    }

    private static Asker? Asker(InteractionPayload payload, SlackInstallation installation)
    {
        var team = payload.TeamId;
        var channel = payload.ChannelId;
        return payload.User is { Id: { } user } who && team is not null && channel is not null
            ? SlackCustomers.Asker(installation, team, user, who.Username ?? who.Name ?? user, channel)
            : null;
    }

    /// <summary>
    /// Where the requester hears about progress: the thread of the answer they clicked on (a reply's
    /// thread is its parent's). An ephemeral answer (the slash command's) has no thread anyone else
    /// can see, so they are told in their messages with the bot instead.
    /// </summary>
    private static EscalationOrigin Origin(InteractionPayload payload, Asker asker)
    {
        var enterprise = payload.Enterprise?.Id;
        if (payload.Container?.IsEphemeral == true)
        {
            return new EscalationOrigin(SlackPlatform.Address(asker.TenantId, asker.UserId, enterprise), null);
        }

        var thread = payload.Message?.ThreadTs ?? payload.Container?.ThreadTs ?? payload.Message?.Ts ?? payload.Container?.MessageTs;
        return new EscalationOrigin(SlackPlatform.Address(asker.TenantId, asker.ConversationId, enterprise), thread);
    }

    /// <summary>A Customer Champions button's click: which escalation, who, and from which channel.</summary>
    private static ChampionClick? Champion(InteractionPayload payload, BlockAction action) =>
        action.Value is { Length: > 0 and <= EscalationContextValidator.MaxIdLength } reference
        && payload.User?.Id is { } user && payload.TeamId is { } team && payload.ChannelId is { } channel
            ? new ChampionClick(reference, new EscalationActor(SlackPlatform.Name, user, payload.UserName ?? user), SlackPlatform.Key(team, channel))
            : null;

    private async Task<SendResult> RespondAsync(Uri responseUrl, MessageContent content, bool replace, CancellationToken cancellationToken)
    {
        var result = await api.RespondAsync(responseUrl, SlackRenderer.Render(content), replaceOriginal: replace, cancellationToken).ConfigureAwait(false);
        return result.Status switch
        {
            SlackCallStatus.Ok => SendResult.Sent(),
            SlackCallStatus.Transient => SendResult.RetryLater(result.Error ?? "unavailable", result.RetryAfter),
            _ => SendResult.Permanent(result.Error ?? "refused"),
        };
    }

    private sealed record ChampionClick(string Reference, EscalationActor By, Core.Subscriptions.ConversationKey From);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack block_actions payload without a usable response_url; nothing to answer")]
    private partial void LogNoResponseUrl();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Button data from workspace {TeamId} could not be read")]
    private partial void LogUnreadableButton(string? teamId);
}
