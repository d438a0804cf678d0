using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Conversations;
using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Escalation;

namespace UpgradeBot.Teams.Inbound;

/// <summary>
/// Translates Teams activities into calls on Core's <see cref="BotConversation"/> and draws what it
/// returns as cards. No decisions are made here.
/// </summary>
public sealed partial class TeamsBot(BotConversation conversation, EscalationStates escalations, ILogger<TeamsBot> logger) : ActivityHandler
{
    /// <summary>How Teams users say a command: they type it to the bot.</summary>
    public static readonly CommandSyntax Syntax = new("type \"{0}\"");

    /// <summary>Who may change a tenant's settings, as Teams knows them.</summary>
    public const string WhoMayChange =
        "Team owners and whoever added UpgradeBot can change these settings, and so can each person in a personal chat with UpgradeBot.";

    private const string CardActionInvoke = "adaptiveCard/action";

    /// <summary>Teams never says that a whole tenant removed the app: the bot leaving the tenant's last conversation with announcements stands for it.</summary>
    private const bool LastLeavesTenant = true;

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (SettingsCardData.IsSubmit(activity.Value))
        {
            await SettingsSubmitFallbackAsync(turnContext, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (EscalationCardData.SubmitVerb(activity.Value) is { } verb)
        {
            await SubmitFallbackAsync(turnContext, verb, (JObject)activity.Value, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!TeamsActivities.TryGetTextForBot(activity, out var text))
        {
            return;
        }

        var utterance = new Utterance(text, TeamsActivities.Asker(activity), TeamsActivities.Address(activity), activity.Conversation?.Name, Syntax, Access(turnContext));
        var response = await conversation.RespondAsync(utterance, cancellationToken).ConfigureAwait(false);
        await turnContext.SendActivityAsync(TeamsActivities.CardMessage(TeamsCards.Render(response.Content)), cancellationToken).ConfigureAwait(false);
    }

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

    /// <summary>
    /// A click on an <c>Action.Execute</c> button, or a card refreshing itself: the card returned
    /// replaces the clicked one for the clicker. An answer with an escalation refreshes itself for
    /// the requester, so it shows where the escalation stands whenever they look at it.
    /// </summary>
    protected override async Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(
        ITurnContext<IInvokeActivity> turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var data = invokeValue.Action?.Data;
        var content = invokeValue.Action?.Verb switch
        {
            EscalationOffer.ActionVerb => await EscalateAsync(activity, data, cancellationToken).ConfigureAwait(false),
            CustomerSettingsFields.SubmitVerb => await ChangeSettingsAsync(turnContext, data, cancellationToken).ConfigureAwait(false),
            TeamsCards.AcknowledgeVerb or TeamsCards.ResolveVerb => await ChampionAsync(activity, invokeValue.Action.Verb, data, cancellationToken).ConfigureAwait(false),
            TeamsCards.RefreshVerb => await RefreshAsync(activity, data, cancellationToken).ConfigureAwait(false),
            _ => BotConversation.UnknownButton,
        };
        return TeamsActivities.CardInvokeResponse(TeamsCards.Render(content, activity.From?.Id));
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

    /// <summary>
    /// Teams announces one installation with both a conversationUpdate and an installationUpdate; Core
    /// welcomes once. Either activity comes from whoever added the bot.
    /// </summary>
    private async Task JoinedAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var installer = TeamsActivities.Asker(activity);
        var welcome = await conversation.JoinedAsync(
            TeamsActivities.Address(activity), activity.Conversation?.Name, Syntax, installer.Customer, installer.UserId is { Length: > 0 } id ? id : null, WhoMayChange, cancellationToken)
            .ConfigureAwait(false);
        if (welcome is not null)
        {
            await turnContext.SendActivityAsync(TeamsActivities.CardMessage(TeamsCards.Render(welcome)), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Clients without Universal Actions send the fallback Submit as a message: the card it came from
    /// is redrawn in place (the answer with the reference, the Customer Champions post as it stands),
    /// while a notice (nothing done) is a message of its own.
    /// </summary>
    private async Task SubmitFallbackAsync(ITurnContext<IMessageActivity> turnContext, string verb, JObject data, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var outcome = verb == EscalationOffer.ActionVerb
            ? await EscalateAsync(activity, data, cancellationToken).ConfigureAwait(false)
            : await ChampionAsync(activity, verb, data, cancellationToken).ConfigureAwait(false);
        await RedrawAsync(turnContext, TeamsActivities.CardMessage(TeamsCards.Render(outcome, activity.From?.Id)), asNew: outcome is Notice, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The settings card's fallback Submit: the card it came from is redrawn in place with the outcome.</summary>
    private async Task SettingsSubmitFallbackAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var form = await ChangeSettingsAsync(turnContext, activity.Value, cancellationToken).ConfigureAwait(false);
        await RedrawAsync(turnContext, TeamsActivities.CardMessage(TeamsCards.Render(form)), asNew: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces the card the fallback Submit came from with <paramref name="message"/>; sends it as a new message when <paramref name="asNew"/> or when the client did not say which card that was.</summary>
    private static async Task RedrawAsync(ITurnContext<IMessageActivity> turnContext, IMessageActivity message, bool asNew, CancellationToken cancellationToken)
    {
        var replyToId = turnContext.Activity.ReplyToId;
        if (asNew || string.IsNullOrEmpty(replyToId))
        {
            await turnContext.SendActivityAsync(message, cancellationToken).ConfigureAwait(false);
            return;
        }

        message.Id = replyToId;
        await turnContext.UpdateActivityAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private Task<CustomerSettingsForm> ChangeSettingsAsync(ITurnContext turnContext, object? data, CancellationToken cancellationToken) =>
        conversation.ChangeSettingsAsync(TeamsActivities.Asker(turnContext.Activity), Access(turnContext), SettingsCardData.Read(data), cancellationToken);

    private CustomerAccess Access(ITurnContext turnContext) => new(WhoMayChange, cancellationToken => RoleAsync(turnContext, cancellationToken));

    /// <summary>
    /// The roster's word on the person (one call to the connector): a team owner, or the person of a
    /// personal chat, administers the settings; a guest or anonymous member never does.
    /// </summary>
    private async Task<CustomerRole> RoleAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.From?.Id is not { Length: > 0 } user)
        {
            return CustomerRole.Member;
        }

        try
        {
            var member = await TeamsInfo.GetMemberAsync(turnContext, user, cancellationToken).ConfigureAwait(false);
            return member.UserRole switch
            {
                "guest" or "anonymous" => CustomerRole.Member,
                _ => new CustomerRole(TeamsActivities.IsPersonal(activity) || string.Equals(member.UserRole, "owner", StringComparison.OrdinalIgnoreCase)),
            };
        }
        catch (ErrorResponseException e) when (e.Response?.StatusCode is System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.NotFound)
        {
            // Not (or no longer) in the conversation's roster.
            return CustomerRole.Member;
        }
        catch (Exception e) when (e is ErrorResponseException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogRosterUnavailable(e.GetType().Name, TeamsActivities.TenantId(activity));
            return CustomerRole.Unknown;
        }
    }

    private async Task<MessageContent> EscalateAsync(IActivity activity, object? data, CancellationToken cancellationToken)
    {
        if (EscalationCardData.Read(data) is not { } context)
        {
            LogUnreadableButton(TeamsActivities.TenantId(activity));
            return BotConversation.UnreadableButton;
        }

        // The requester is told about progress where they clicked: in the channel thread, or the chat.
        var origin = new EscalationOrigin(TeamsActivities.Address(activity), TeamsActivities.ThreadId(activity));
        return await conversation.EscalateAsync(new EscalationRequest(TeamsActivities.Asker(activity), context, origin), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Acknowledge or resolve from the Customer Champions post: the clicker sees the post as it now stands, or why nothing changed.</summary>
    private async Task<MessageContent> ChampionAsync(IActivity activity, string verb, object? data, CancellationToken cancellationToken)
    {
        if (CardData.Text(data, "reference") is not { Length: > 0 } reference)
        {
            LogUnreadableButton(TeamsActivities.TenantId(activity));
            return BotConversation.UnknownButton;
        }

        var to = verb == TeamsCards.ResolveVerb ? EscalationState.Resolved : EscalationState.Acknowledged;
        var note = to == EscalationState.Resolved ? CardData.Text(data, TeamsCards.NoteInput) : null;
        var result = await escalations.ChangeAsync(reference, to, TeamsActivities.Actor(activity), TeamsActivities.Key(activity), note, cancellationToken).ConfigureAwait(false);
        return result.Shown;
    }

    /// <summary>The requester's answer card asking for its current version: the answer with where the escalation stands now.</summary>
    private async Task<MessageContent> RefreshAsync(IActivity activity, object? data, CancellationToken cancellationToken) =>
        CardData.Text(data, "reference") is { Length: > 0 } reference
        && await escalations.AnswerAsync(reference, TeamsActivities.Asker(activity), cancellationToken).ConfigureAwait(false) is { } answer
            ? answer
            : BotConversation.UnknownButton;

    private static bool IsBot(ChannelAccount member, IActivity activity) =>
        string.Equals(member.Id, activity.Recipient?.Id, StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unknown Teams invoke {InvokeName}")]
    private partial void LogUnknownInvoke(string? invokeName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Teams roster could not be read ({ErrorType}) for tenant {TenantId}; settings stay unchanged")]
    private partial void LogRosterUnavailable(string errorType, string tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Button data from tenant {TenantId} could not be read")]
    private partial void LogUnreadableButton(string tenantId);
}
