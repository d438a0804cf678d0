using Microsoft.Extensions.Logging;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Conversations;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Messaging;
using UpgradeBot.Slack.Api;
using UpgradeBot.Slack.BlockKit;
using UpgradeBot.Slack.Installations;

namespace UpgradeBot.Slack.Inbound;

/// <summary>
/// Handles a queued <c>block_actions</c> payload: the escalate button, through Core's
/// <see cref="BotConversation"/>, when the click comes from a workspace the app is installed in.
/// The answer goes back through the payload's response_url (which needs no token): the message the
/// button was on, redrawn with the reference; or, when nothing was escalated, a notice to the
/// clicker alone with the message left as it was.
/// </summary>
internal sealed partial class SlackInteractionHandler(BotConversation conversation, SlackApiClient api, SlackInstallations installations, ILogger<SlackInteractionHandler> logger)
{
    public async Task<SendResult> HandleAsync(InteractionPayload payload, CancellationToken cancellationToken)
    {
        var action = payload.Actions?.FirstOrDefault(a => a?.ActionId == SlackRenderer.EscalateActionId);
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

        var asker = Asker(payload, authorization.Installation!);
        var context = SlackRenderer.ParseButtonValue(action.Value);
        if (asker is null || context is null)
        {
            LogUnreadableButton(payload.Team?.Id);
            return await RespondAsync(responseUrl, BotConversation.UnreadableButton, replace: false, cancellationToken).ConfigureAwait(false);
        }

        var outcome = await conversation.EscalateAsync(new EscalationRequest(asker, context), cancellationToken).ConfigureAwait(false);
        return await RespondAsync(responseUrl, outcome, replace: outcome is Reply, cancellationToken).ConfigureAwait(false);
    }

    private static Asker? Asker(InteractionPayload payload, SlackInstallation installation)
    {
        var team = payload.TeamId;
        var channel = payload.Channel?.Id ?? payload.Container?.ChannelId;
        return payload.User is { Id: { } user } who && team is not null && channel is not null
            ? SlackCustomers.Asker(installation, team, user, who.Username ?? who.Name ?? user, channel)
            : null;
    }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack block_actions payload without a usable response_url; nothing to answer")]
    private partial void LogNoResponseUrl();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalate button data from workspace {TeamId} could not be read")]
    private partial void LogUnreadableButton(string? teamId);
}
