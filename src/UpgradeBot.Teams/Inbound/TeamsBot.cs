using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Conversations;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Messaging;
using UpgradeBot.Teams.Cards;

namespace UpgradeBot.Teams.Inbound;

/// <summary>
/// Translates Teams activities into calls on Core's <see cref="BotConversation"/> and draws what it
/// returns as cards. No decisions are made here.
/// </summary>
public sealed partial class TeamsBot(BotConversation conversation, ILogger<TeamsBot> logger) : ActivityHandler
{
    /// <summary>How Teams users say a command: they type it to the bot.</summary>
    public static readonly CommandSyntax Syntax = new("type \"{0}\"");

    private const string CardActionInvoke = "adaptiveCard/action";

    /// <summary>Teams never says that a whole tenant removed the app: the bot leaving the tenant's last conversation with announcements stands for it.</summary>
    private const bool LastLeavesTenant = true;

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (EscalationCardData.IsSubmit(activity.Value))
        {
            await SubmitFallbackAsync(turnContext, (JObject)activity.Value, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!TeamsActivities.TryGetTextForBot(activity, out var text))
        {
            return;
        }

        var utterance = new Utterance(text, TeamsActivities.Asker(activity), TeamsActivities.Address(activity), activity.Conversation?.Name, Syntax);
        var response = await conversation.RespondAsync(utterance, cancellationToken).ConfigureAwait(false);
        await turnContext.SendActivityAsync(TeamsActivities.CardMessage(TeamsCards.Render(response.Content)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A click on an <c>Action.Execute</c> button; the card returned replaces the clicked one for the clicker.</summary>
    /// <summary>Invokes other than card actions are not the bot's: a 400 with a reason, where the SDK would answer 501.</summary>
    protected override Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext<IInvokeActivity> turnContext, CancellationToken cancellationToken)
    {
        if (string.Equals(turnContext.Activity.Name, CardActionInvoke, StringComparison.Ordinal))
        {
            return base.OnInvokeActivityAsync(turnContext, cancellationToken);
        }

        LogUnknownInvoke(turnContext.Activity.Name);
        return Task.FromResult(new InvokeResponse { Status = 400, Body = new { error = "This bot answers adaptiveCard/action invokes only." } });
    }

    protected override async Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(
        ITurnContext<IInvokeActivity> turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
    {
        var content = string.Equals(invokeValue.Action?.Verb, EscalationOffer.ActionVerb, StringComparison.Ordinal)
            ? await EscalateAsync(turnContext.Activity, invokeValue.Action?.Data, cancellationToken).ConfigureAwait(false)
            : BotConversation.UnknownButton;
        return TeamsActivities.CardInvokeResponse(TeamsCards.Render(content));
    }

    /// <summary>The SDK's members-added/removed hooks skip the bot itself, which is the one member that matters here.</summary>
    protected override Task OnConversationUpdateActivityAsync(ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.MembersAdded?.Any(m => IsBot(m, activity)) == true)
        {
            return JoinedAsync(turnContext, cancellationToken);
        }

        return activity.MembersRemoved?.Any(m => IsBot(m, activity)) == true
            ? conversation.LeftAsync(TeamsActivities.Key(activity), LastLeavesTenant, cancellationToken)
            : Task.CompletedTask;
    }

    protected override Task OnInstallationUpdateAddAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        JoinedAsync(turnContext, cancellationToken);

    protected override Task OnInstallationUpdateRemoveAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        conversation.LeftAsync(TeamsActivities.Key(turnContext.Activity), LastLeavesTenant, cancellationToken);

    /// <summary>Teams announces one installation with both a conversationUpdate and an installationUpdate; Core welcomes once.</summary>
    private async Task JoinedAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var welcome = await conversation.JoinedAsync(TeamsActivities.Address(activity), activity.Conversation?.Name, Syntax, cancellationToken).ConfigureAwait(false);
        if (welcome is not null)
        {
            await turnContext.SendActivityAsync(TeamsActivities.CardMessage(TeamsCards.Render(welcome)), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Clients without Universal Actions send the fallback Submit as a message: the card it came from
    /// is redrawn in place with the reference, while a notice (nothing escalated) is a message of its own.
    /// </summary>
    private async Task SubmitFallbackAsync(ITurnContext<IMessageActivity> turnContext, JObject data, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var outcome = await EscalateAsync(activity, data, cancellationToken).ConfigureAwait(false);
        var message = TeamsActivities.CardMessage(TeamsCards.Render(outcome));
        if (outcome is not Reply || string.IsNullOrEmpty(activity.ReplyToId))
        {
            await turnContext.SendActivityAsync(message, cancellationToken).ConfigureAwait(false);
            return;
        }

        message.Id = activity.ReplyToId;
        await turnContext.UpdateActivityAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private async Task<MessageContent> EscalateAsync(IActivity activity, object? data, CancellationToken cancellationToken)
    {
        if (EscalationCardData.Read(data) is not { } context)
        {
            LogUnreadableButton(TeamsActivities.TenantId(activity));
            return BotConversation.UnreadableButton;
        }

        return await conversation.EscalateAsync(new EscalationRequest(TeamsActivities.Asker(activity), context), cancellationToken).ConfigureAwait(false);
    }

    private static bool IsBot(ChannelAccount member, IActivity activity) =>
        string.Equals(member.Id, activity.Recipient?.Id, StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unknown Teams invoke {InvokeName}")]
    private partial void LogUnknownInvoke(string? invokeName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalate button data from tenant {TenantId} could not be read")]
    private partial void LogUnreadableButton(string tenantId);
}
