using System.Text.RegularExpressions;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Subscriptions;

namespace UpgradeBot.Teams.Inbound;

/// <summary>Translation between Teams activities and Core's platform-neutral types.</summary>
internal static partial class TeamsActivities
{
    public const string Platform = TeamsPlatform.Name;

    /// <summary>A one-to-one chat. Without a conversation type (older clients, odd payloads) a group conversation is one that says so.</summary>
    public static bool IsPersonal(IActivity activity) =>
        activity.Conversation?.ConversationType is { Length: > 0 } type
            ? string.Equals(type, "personal", StringComparison.OrdinalIgnoreCase)
            : activity.Conversation?.IsGroup != true;

    /// <summary>
    /// False when the bot should stay silent: in channels and group chats it only speaks when
    /// spoken to. Otherwise <paramref name="text"/> is the message with the bot's @mention removed
    /// and other mentions reduced to the plain name.
    /// </summary>
    public static bool TryGetTextForBot(IMessageActivity activity, out string text)
    {
        // Reading a mention entity round-trips it through Newtonsoft: do it once per message.
        var mentions = BotMentions(activity).ToList();
        if (mentions.Count == 0 && !IsPersonal(activity))
        {
            text = string.Empty;
            return false;
        }

        text = activity.Text ?? string.Empty;
        foreach (var mention in mentions)
        {
            if (!string.IsNullOrEmpty(mention.Text))
            {
                text = text.Replace(mention.Text, " ", StringComparison.Ordinal);
            }
        }

        text = AtTag().Replace(text, "$1").Replace("&nbsp;", " ", StringComparison.Ordinal);
        text = WhiteSpace().Replace(text, " ").Trim();
        return true;
    }

    /// <summary>The conversation's tenant, else channelData's; a tenant id that is not text is none (it is read in the turn error handler too, which must not throw).</summary>
    public static string TenantId(IActivity activity) =>
        activity.Conversation?.TenantId
        ?? ((activity.ChannelData as JObject)?["tenant"] is JObject { } tenant && tenant["id"] is JValue { Type: JTokenType.String } id ? (string?)id : null)
        ?? string.Empty;

    /// <summary>
    /// A channel message's conversation id names its thread (<c>…;messageid=…</c>); subscriptions and
    /// announcements belong to the channel itself.
    /// </summary>
    public static string ConversationId(IActivity activity)
    {
        var id = activity.Conversation?.Id ?? string.Empty;
        var thread = id.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return thread < 0 ? id : id[..thread];
    }

    /// <summary>The channel thread the activity is in (the id of its first message), or null outside channel threads.</summary>
    public static string? ThreadId(IActivity activity)
    {
        var id = activity.Conversation?.Id ?? string.Empty;
        var thread = id.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return thread < 0 || thread + ";messageid=".Length == id.Length ? null : id[(thread + ";messageid=".Length)..];
    }

    public static ConversationKey Key(IActivity activity) => new(Platform, TenantId(activity), ConversationId(activity));

    public static ConversationAddress Address(IActivity activity) => new(Key(activity), SerializedReference(activity));

    /// <summary>A Customer Champion acting from a card: their Entra object id where Teams gives it, as for askers.</summary>
    public static EscalationActor Actor(IActivity activity) =>
        new(Platform, activity.From?.AadObjectId ?? activity.From?.Id ?? string.Empty, activity.From?.Name ?? string.Empty);

    public static Asker Asker(IActivity activity) =>
        new(
            Platform,
            TenantId(activity),
            activity.From?.AadObjectId ?? activity.From?.Id ?? string.Empty,
            activity.From?.Name ?? string.Empty,
            ConversationId(activity));

    /// <summary>The reference to post into this conversation later, pointing at the channel rather than the thread, serialized the way Bot Framework does.</summary>
    public static string SerializedReference(IActivity activity)
    {
        var reference = activity.GetConversationReference();
        reference.ActivityId = null;
        reference.Conversation = new ConversationAccount
        {
            Id = ConversationId(activity),
            ConversationType = activity.Conversation?.ConversationType,
            IsGroup = activity.Conversation?.IsGroup,
            Name = activity.Conversation?.Name,
            TenantId = TenantId(activity),
        };
        return JsonConvert.SerializeObject(reference);
    }

    public static Activity CardMessage(AdaptiveCard card)
    {
        var message = (Activity)MessageFactory.Attachment(CardAttachment(card));

        // Notifications and the activity feed show the summary; the card's fallbackText and speak cover old clients and screen readers.
        message.Summary = card.FallbackText;
        return message;
    }

    /// <summary>The card's JSON goes out as written by our serializer: parsing it into a JObject only for Newtonsoft to write it again cost every reply.</summary>
    public static Attachment CardAttachment(AdaptiveCard card) =>
        new() { ContentType = AdaptiveCard.ContentType, Content = new JRaw(card.ToJson()) };

    /// <summary>The answer to an <c>adaptiveCard/action</c> invoke: a card that replaces the clicked one.</summary>
    public static AdaptiveCardInvokeResponse CardInvokeResponse(AdaptiveCard card) =>
        new() { StatusCode = 200, Type = AdaptiveCard.ContentType, Value = new JRaw(card.ToJson()) };

    private static IEnumerable<Mention> BotMentions(IMessageActivity activity) =>
        (activity.Entities ?? [])
            .Where(e => string.Equals(e.Type, "mention", StringComparison.OrdinalIgnoreCase))
            .Select(e => e.GetAs<Mention>())
            .Where(m => m.Mentioned?.Id is { } id && string.Equals(id, activity.Recipient?.Id, StringComparison.Ordinal));

    [GeneratedRegex("<at>(.*?)</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex AtTag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
