using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Subscriptions;
using UpgradeBot.Teams.Cards;

namespace UpgradeBot.Teams;

/// <summary>
/// Routes Teams activities to Core and draws the results as cards. No decisions are made here:
/// Core answers, escalates and remembers subscriptions.
/// </summary>
public sealed partial class TeamsBot(
    IAnswerService answers,
    IEscalationService escalations,
    ISubscriptionStore subscriptions,
    TimeProvider time,
    ILogger<TeamsBot> logger) : ActivityHandler
{
    internal const string CardActionInvoke = "adaptiveCard/action";

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

        var card = BotCommand.Parse(text) switch
        {
            BotCommandKind.Help => TeamsCards.Reply(answers.Help()),
            BotCommandKind.Status => TeamsCards.Reply(await answers.StatusAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false)),
            BotCommandKind.Subscribe => await SubscribeAsync(activity, cancellationToken).ConfigureAwait(false),
            BotCommandKind.Unsubscribe => await UnsubscribeAsync(activity, cancellationToken).ConfigureAwait(false),
            _ => TeamsCards.Reply(await answers.AnswerAsync(
                new Inquiry(text, time.GetUtcNow(), TeamsActivities.Asker(activity)),
                cancellationToken).ConfigureAwait(false)),
        };
        await turnContext.SendActivityAsync(TeamsActivities.CardMessage(card), cancellationToken).ConfigureAwait(false);
    }

    protected override async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext<IInvokeActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (!string.Equals(activity.Name, CardActionInvoke, StringComparison.Ordinal))
        {
            LogUnknownInvoke(activity.Name);
            return new InvokeResponse { Status = Microsoft.AspNetCore.Http.StatusCodes.Status400BadRequest };
        }

        var action = (activity.Value as JObject)?["action"] as JObject;
        var card = string.Equals(action?.Value<string>("verb"), EscalationOffer.ActionVerb, StringComparison.Ordinal)
            ? await EscalateAsync(activity, action?["data"], cancellationToken).ConfigureAwait(false)
            : TeamsCards.Notice("That button is not one of mine.", "Nothing was done. Type help to see what I can do.");
        return TeamsActivities.CardInvokeResponse(card);
    }

    /// <summary>The SDK's members-added/removed hooks skip the bot itself, which is the one member that matters here.</summary>
    protected override Task OnConversationUpdateActivityAsync(ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.MembersAdded?.Any(m => IsBot(m, activity)) == true)
        {
            return InstalledAsync(turnContext, cancellationToken);
        }

        return activity.MembersRemoved?.Any(m => IsBot(m, activity)) == true
            ? UninstalledAsync(activity, cancellationToken)
            : Task.CompletedTask;
    }

    protected override Task OnInstallationUpdateAddAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        InstalledAsync(turnContext, cancellationToken);

    protected override Task OnInstallationUpdateRemoveAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        UninstalledAsync(turnContext.Activity, cancellationToken);

    /// <summary>
    /// Teams announces one installation with both a conversationUpdate and an installationUpdate:
    /// the welcome goes out only when the conversation was not already subscribed.
    /// </summary>
    private async Task InstalledAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var key = TeamsActivities.Key(activity);
        var existing = await subscriptions.GetAsync(key, cancellationToken).ConfigureAwait(false);
        await SubscribeHereAsync(activity, key, cancellationToken).ConfigureAwait(false);
        LogInstalled(key.TenantId, key.ChannelId, activity.Conversation?.ConversationType);
        if (existing is { Active: true })
        {
            return;
        }

        var welcome = TeamsCards.Notice(
            "Hello! I'm UpgradeBot.",
            "Ask me whether what you see in your admin console is caused by a public cloud upgrade. I'll also post upgrade announcements here. Commands:",
            [.. BotCommand.All.Select(c => $"{c.Name}: {c.Description}")]);
        await turnContext.SendActivityAsync(TeamsActivities.CardMessage(welcome), cancellationToken).ConfigureAwait(false);
    }

    private async Task UninstalledAsync(IActivity activity, CancellationToken cancellationToken)
    {
        var key = TeamsActivities.Key(activity);
        var wasActive = await subscriptions.DeactivateAsync(key, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        LogUninstalled(key.TenantId, key.ChannelId, wasActive);
    }

    private Task SubscribeHereAsync(IActivity activity, ConversationKey key, CancellationToken cancellationToken) =>
        subscriptions.SubscribeAsync(key, TeamsActivities.SerializedReference(activity), activity.Conversation?.Name, time.GetUtcNow(), cancellationToken);

    private async Task<AdaptiveCard> SubscribeAsync(IActivity activity, CancellationToken cancellationToken)
    {
        await SubscribeHereAsync(activity, TeamsActivities.Key(activity), cancellationToken).ConfigureAwait(false);
        return TeamsCards.Notice("Subscribed.", "I'll post upgrade announcements in this conversation. Type unsubscribe to stop them.");
    }

    private async Task<AdaptiveCard> UnsubscribeAsync(IActivity activity, CancellationToken cancellationToken)
    {
        var wasActive = await subscriptions.DeactivateAsync(TeamsActivities.Key(activity), time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return wasActive
            ? TeamsCards.Notice("Unsubscribed.", "I won't post upgrade announcements here any more. Type subscribe to get them again.")
            : TeamsCards.Notice("Not subscribed.", "This conversation wasn't getting announcements. Type subscribe to get them.");
    }

    /// <summary>Clients without Universal Actions send the fallback Submit as a message; the card it came from is then replaced in place.</summary>
    private async Task SubmitFallbackAsync(ITurnContext<IMessageActivity> turnContext, JObject data, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var card = await EscalateAsync(activity, data, cancellationToken).ConfigureAwait(false);
        var message = TeamsActivities.CardMessage(card);
        if (string.IsNullOrEmpty(activity.ReplyToId))
        {
            await turnContext.SendActivityAsync(message, cancellationToken).ConfigureAwait(false);
            return;
        }

        message.Id = activity.ReplyToId;
        await turnContext.UpdateActivityAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AdaptiveCard> EscalateAsync(IActivity activity, JToken? data, CancellationToken cancellationToken)
    {
        if (!EscalationCardData.TryRead(data, out var context, out var problem))
        {
            LogRejectedButton(TeamsActivities.TenantId(activity), problem);
            return TeamsCards.Notice("I couldn't escalate this.", $"{problem} Please ask your question again and use the new button.");
        }

        var request = new EscalationRequest(TeamsActivities.Asker(activity), context);
        var result = await escalations.EscalateAsync(request, cancellationToken).ConfigureAwait(false);
        LogEscalation(request.Asker.TenantId, result.Outcome, result.Reference);
        return TeamsCards.Reply(await answers.AfterEscalationAsync(request, result, cancellationToken).ConfigureAwait(false));
    }

    private static bool IsBot(ChannelAccount member, IActivity activity) =>
        string.Equals(member.Id, activity.Recipient?.Id, StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams bot installed in tenant {TenantId}, conversation {ConversationId} ({ConversationType})")]
    private partial void LogInstalled(string tenantId, string conversationId, string? conversationType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams bot removed from tenant {TenantId}, conversation {ConversationId}; was subscribed: {WasActive}")]
    private partial void LogUninstalled(string tenantId, string conversationId, bool wasActive);

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation from tenant {TenantId}: {Outcome} {Reference}")]
    private partial void LogEscalation(string tenantId, EscalationOutcome outcome, string? reference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalate button data refused for tenant {TenantId}: {Problem}")]
    private partial void LogRejectedButton(string tenantId, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unknown Teams invoke {InvokeName}")]
    private partial void LogUnknownInvoke(string? invokeName);
}
