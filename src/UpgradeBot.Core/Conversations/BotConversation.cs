using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Retention;

namespace UpgradeBot.Core.Conversations;

/// <summary>
/// Everything the bot says in a conversation, on every platform: the commands, questions, the
/// escalate click, being added to and removed from a conversation. Platform adapters translate
/// their payloads to these calls and draw the results; they decide nothing themselves.
/// </summary>
/// <remarks>
/// The rule for an escalate click, the same on every platform: when it leads to an escalation (a new
/// one, or the one this user already has for the problem), the answer the button was on is redrawn in
/// place with the reference and what happens next. Otherwise (the daily limit, data that does not
/// pass validation or cannot be read) only the clicker is told why in a notice, and the answer stays
/// as it was, button included.
/// </remarks>
public sealed partial class BotConversation(
    IAnswerService answers,
    IEscalationService escalations,
    ISubscriptionStore subscriptions,
    CustomerSettingsService settings,
    ICustomerDataStore customerData,
    TimeProvider time,
    ILogger<BotConversation> logger)
{
    /// <summary>The answer to a click on a button that is not the bot's (an old card, another app's data).</summary>
    public static Notice UnknownButton { get; } = new("That button is not one of mine.", "Nothing was done. Ask me for help to see what I can do.");

    private const string NotEscalated = "I couldn't escalate this.";

    /// <summary>The answer to a click whose data did not survive the trip through the client.</summary>
    public static Notice UnreadableButton { get; } = new(
        NotEscalated,
        "I could not read what the button carried, so nothing was escalated. Ask your question again and use the button on the new answer.");

    /// <summary>The answer to a message longer than <see cref="UserText.MaxLength"/>: it is not matched at all.</summary>
    public static Notice TooLong { get; } = new(
        "That message is too long for me.",
        "Tell me in a sentence or two what you see in the admin console, and I'll say whether an upgrade explains it.");

    public async Task<BotResponse> RespondAsync(Utterance utterance, CancellationToken cancellationToken = default)
    {
        if (utterance.Text.Length > UserText.MaxLength)
        {
            return new BotResponse(TooLong);
        }

        var now = time.GetUtcNow();
        var syntax = utterance.Syntax;
        var text = UserText.Clean(utterance.Text);
        switch (BotCommand.Parse(text))
        {
            case BotCommandKind.Help:
                return new BotResponse(answers.Help());
            case BotCommandKind.Status:
                return new BotResponse(await answers.StatusAsync(now, cancellationToken).ConfigureAwait(false));
            case BotCommandKind.Subscribe:
                await SubscribeAsync(utterance.Conversation, utterance.ConversationName, cancellationToken).ConfigureAwait(false);
                return new BotResponse(
                    new Notice("Subscribed.", $"I'll post public cloud upgrade announcements in this conversation. To stop them, {syntax.Say("unsubscribe")}."),
                    ForEveryone: true);
            case BotCommandKind.Unsubscribe:
                var was = await subscriptions.DeactivateAsync(utterance.Conversation.Key, now, cancellationToken).ConfigureAwait(false);
                return new BotResponse(
                    was
                        ? new Notice("Unsubscribed.", $"I won't post upgrade announcements here any more. To get them again, {syntax.Say("subscribe")}.")
                        : new Notice("Not subscribed.", $"This conversation wasn't getting upgrade announcements. To get them, {syntax.Say("subscribe")}."),
                    ForEveryone: true);
            case BotCommandKind.Settings:
                return new BotResponse(await SettingsAsync(utterance.Asker, utterance.Access, cancellationToken).ConfigureAwait(false));
            default:
                var inquiry = new Inquiry(text.Trim(), now, utterance.Asker);
                return new BotResponse(await answers.AnswerAsync(inquiry, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>
    /// A press of the escalate button: a <see cref="Reply"/> (the answer redrawn with the reference) to
    /// put in place of the clicked message, or a <see cref="Notice"/> for the clicker alone.
    /// </summary>
    public async Task<MessageContent> EscalateAsync(EscalationRequest request, CancellationToken cancellationToken = default)
    {
        var result = await escalations.EscalateAsync(request, cancellationToken).ConfigureAwait(false);
        LogEscalation(request.Asker.Platform, request.Asker.TenantId, result.Outcome, result.Reference);
        return result.HasReference
            ? await answers.AfterEscalationAsync(request, result, cancellationToken).ConfigureAwait(false)
            : new Notice(NotEscalated, result.Message);
    }

    /// <summary>
    /// The bot was added to a conversation (installed, invited): it subscribes there and says hello,
    /// once, even when the platform reports one installation twice. The welcome asks for the
    /// customer's settings; <paramref name="installedBy"/>, when the platform says who installed the
    /// bot, may change them from then on. <paramref name="whoMayChange"/> is the platform's sentence
    /// naming the others who may.
    /// </summary>
    /// <returns>The welcome to post, or null when the conversation was already subscribed.</returns>
    public async Task<CustomerSettingsForm?> JoinedAsync(
        ConversationAddress conversation,
        string? name,
        CommandSyntax syntax,
        CustomerKey customer,
        string? installedBy,
        string whoMayChange,
        CancellationToken cancellationToken = default)
    {
        var newlySubscribed = await SubscribeAsync(conversation, name, cancellationToken).ConfigureAwait(false);
        LogJoined(conversation.Key.Platform, conversation.Key.TenantId, conversation.Key.ChannelId);
        return newlySubscribed ? await settings.WelcomeAsync(customer, installedBy, whoMayChange, Welcome(syntax), cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>The organization's settings for <paramref name="asker"/>: editable when they may change them, read-only otherwise.</summary>
    public Task<CustomerSettingsForm> SettingsAsync(Asker asker, CustomerAccess? access, CancellationToken cancellationToken = default) =>
        settings.ShowAsync(asker, access, cancellationToken);

    /// <summary>A settings form sent back: stored, refused, or returned with what is wrong.</summary>
    public Task<CustomerSettingsForm> ChangeSettingsAsync(Asker asker, CustomerAccess? access, CustomerSettingsInput input, CancellationToken cancellationToken = default) =>
        settings.SubmitAsync(asker, access, input, cancellationToken);

    /// <summary>What <paramref name="asker"/>'s organization wants at a glance, their settings included (the Slack App Home).</summary>
    public async Task<CustomerOverview> OverviewAsync(Asker asker, CustomerAccess? access, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var status = await answers.StatusAsync(now, cancellationToken).ConfigureAwait(false);
        var outlook = await answers.OutlookAsync(asker, now, cancellationToken).ConfigureAwait(false);
        var channels = await subscriptions.ListActiveAsync(asker.Platform, asker.TenantId, cancellationToken).ConfigureAwait(false);
        var form = await SettingsAsync(asker, access, cancellationToken).ConfigureAwait(false);
        return new CustomerOverview(status, outlook, channels, form);
    }

    /// <summary>
    /// The bot was removed from a conversation: no more announcements there. A platform that never
    /// says when a whole tenant removed the app (Teams) passes <paramref name="lastLeavesTenant"/>:
    /// leaving the tenant's last conversation with announcements then counts as that, and the
    /// tenant's data is erased after <c>Retention:UninstalledWorkspaces</c> unless it comes back.
    /// </summary>
    public async Task LeftAsync(ConversationKey conversation, bool lastLeavesTenant, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var was = await subscriptions.DeactivateAsync(conversation, now, cancellationToken).ConfigureAwait(false);
        LogLeft(conversation.Platform, conversation.TenantId, conversation.ChannelId, was);
        if (lastLeavesTenant
            && conversation.TenantId.Length > 0
            && !await subscriptions.AnyActiveAsync(conversation.Platform, conversation.TenantId, cancellationToken).ConfigureAwait(false))
        {
            await customerData.MarkRemovedAsync(new CustomerKey(conversation.Platform, conversation.TenantId), [], now, cancellationToken).ConfigureAwait(false);
            LogLeftTenant(conversation.Platform, conversation.TenantId);
        }
    }

    /// <summary>The app was removed from a whole workspace or tenant: no more announcements anywhere in it.</summary>
    public async Task RemovedFromTenantAsync(string platform, string tenantId, CancellationToken cancellationToken = default)
    {
        var count = await subscriptions.DeactivateTenantAsync(platform, tenantId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        LogRemovedFromTenant(platform, tenantId, count);
    }

    public static Notice Welcome(CommandSyntax syntax) => new(
        "Hello! I'm UpgradeBot.",
        $"Ask me whether what you see in your admin console is caused by a public cloud upgrade. I'll also post upgrade announcements here. To see what I can do, {syntax.Say("help")}. Commands:",
        [.. BotCommand.All.Select(c => $"{c.Name}: {c.Description}")]);

    /// <summary>
    /// Subscribing in a tenant means it is (back) with the bot: a removal recorded for it no longer
    /// counts. Forgotten first, so an erasure running now stops before it could reach the subscription.
    /// </summary>
    private async Task<bool> SubscribeAsync(ConversationAddress conversation, string? name, CancellationToken cancellationToken)
    {
        var key = conversation.Key;
        if (key.TenantId.Length > 0)
        {
            await customerData.ClearRemovedAsync(new CustomerKey(key.Platform, key.TenantId), cancellationToken).ConfigureAwait(false);
        }

        return await subscriptions.SubscribeAsync(key, conversation.Reference, name, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation from {Platform} tenant {TenantId}: {Outcome} {Reference}")]
    private partial void LogEscalation(string platform, string tenantId, EscalationOutcome outcome, string? reference);

    [LoggerMessage(Level = LogLevel.Information, Message = "Added to {Platform} conversation {ConversationId} of tenant {TenantId}; subscribed")]
    private partial void LogJoined(string platform, string tenantId, string conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed from {Platform} conversation {ConversationId} of tenant {TenantId}; was subscribed: {WasActive}")]
    private partial void LogLeft(string platform, string tenantId, string conversationId, bool wasActive);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed from the last {Platform} conversation with announcements of tenant {TenantId}; its data is erased after Retention:UninstalledWorkspaces unless the bot is added again")]
    private partial void LogLeftTenant(string platform, string tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed from {Platform} tenant {TenantId}; {Count} subscriptions deactivated")]
    private partial void LogRemovedFromTenant(string platform, string tenantId, int count);
}
