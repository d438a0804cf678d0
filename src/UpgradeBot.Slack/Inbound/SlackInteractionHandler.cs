using Microsoft.Extensions.Logging;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Slack.Api;
using UpgradeBot.Slack.BlockKit;

namespace UpgradeBot.Slack.Inbound;

/// <summary>
/// Handles a queued <c>block_actions</c> payload: the escalate button. The answer goes back
/// through the payload's response_url: the original message replaced by the answer with its
/// reference, or an ephemeral explanation when nothing could be escalated.
/// </summary>
internal sealed partial class SlackInteractionHandler(
    IEscalationService escalations,
    IAnswerService answers,
    SlackApiClient api,
    ILogger<SlackInteractionHandler> logger)
{
    public const string CouldNotRead = "I could not read what that button carried, so nothing was escalated. Ask your question again and use the button on the new answer.";

    public async Task HandleAsync(InteractionPayload payload, CancellationToken cancellationToken)
    {
        var action = payload.Actions?.FirstOrDefault(a => a.ActionId == SlackRenderer.EscalateActionId);
        if (action is null)
        {
            return;
        }

        if (!Uri.TryCreate(payload.ResponseUrl, UriKind.Absolute, out var responseUrl) || responseUrl.Scheme is not ("https" or "http"))
        {
            LogNoResponseUrl();
            return;
        }

        var asker = Asker(payload);
        var context = SlackRenderer.ParseButtonValue(action.Value);
        if (asker is null || context is null)
        {
            await RespondAsync(responseUrl, SlackRenderer.Notice(CouldNotRead), replace: false, cancellationToken).ConfigureAwait(false);
            return;
        }

        var request = new EscalationRequest(asker, context);
        var result = await escalations.EscalateAsync(request, cancellationToken).ConfigureAwait(false);
        LogEscalation(asker.TenantId, asker.UserId, result.Outcome, result.Reference);
        if (result.HasReference)
        {
            var updated = await answers.AfterEscalationAsync(request, result, cancellationToken).ConfigureAwait(false);
            await RespondAsync(responseUrl, SlackRenderer.Reply(updated), replace: true, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await RespondAsync(responseUrl, SlackRenderer.Notice(result.Message), replace: false, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Asker? Asker(InteractionPayload payload)
    {
        var team = payload.Team?.Id ?? payload.User?.TeamId;
        var channel = payload.Channel?.Id ?? payload.Container?.ChannelId;
        return payload.User is { Id: { } user } who && team is not null && channel is not null
            ? new Asker(SlackChannel.Platform, team, user, who.Username ?? who.Name ?? user, channel)
            : null;
    }

    /// <summary>A replacement keeps its place in the channel; an explanation goes to the clicker alone.</summary>
    private async Task RespondAsync(Uri responseUrl, SlackMessage message, bool replace, CancellationToken cancellationToken)
    {
        var result = await api.RespondAsync(responseUrl, message, replaceOriginal: replace, ephemeral: !replace, cancellationToken).ConfigureAwait(false);
        if (result.Status == SlackCallStatus.Transient)
        {
            throw new SlackRetryLaterException(result.Error);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack block_actions payload without a usable response_url; nothing to answer")]
    private partial void LogNoResponseUrl();

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalate click by {UserId} in {TeamId}: {Outcome} {Reference}")]
    private partial void LogEscalation(string teamId, string userId, EscalationOutcome outcome, string? reference);
}
