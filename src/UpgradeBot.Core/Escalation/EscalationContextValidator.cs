using UpgradeBot.Core.Conversations;
using UpgradeBot.Core.Knowledge;

namespace UpgradeBot.Core.Escalation;

/// <summary>
/// Checks the context a client sent back with a button press. It has travelled through the user's
/// client, so it is treated as untrusted input: known topic and verdict, a known upgrade or none,
/// bounded lengths, a plausible time.
/// </summary>
public static class EscalationContextValidator
{
    public const int MaxIdLength = 256;

    /// <summary>A platform's reference to a conversation (a Bot Framework conversation reference is the longest) fits well inside this.</summary>
    public const int MaxReferenceLength = 8 * 1024;
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(30);
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Null when the request can be used; otherwise what is wrong, in words for the user.</summary>
    public static string? Problem(EscalationRequest request, KnowledgeBase knowledge, IReadOnlyList<UpgradeWindow> windows, DateTimeOffset now)
    {
        var context = request.Context;
        var asker = request.Asker;
        if (context is null || asker is null)
        {
            return "the button carried no context";
        }

        if (string.IsNullOrEmpty(context.Topic) || knowledge.Find(context.Topic) is null)
        {
            return "the topic is not one I know";
        }

        if (!VerdictNames.TryParse(context.Verdict, out _))
        {
            return "the verdict is not one I give";
        }

        if (context.UpgradeId is not null && windows.All(w => w.Id != context.UpgradeId))
        {
            return "the upgrade it refers to is not on the schedule";
        }

        if (string.IsNullOrWhiteSpace(context.Question) || context.Question.Length > EscalationContext.MaxQuestionLength)
        {
            return $"the question must be between 1 and {EscalationContext.MaxQuestionLength} characters";
        }

        if (!UserText.IsWellFormed(context.Question))
        {
            return "the question is not valid text";
        }

        if (context.AskedAt > now + ClockSkew || context.AskedAt < now - MaxAge)
        {
            return "the question is too old or dated in the future";
        }

        string?[] ids = [asker.Platform, asker.TenantId, asker.UserId, asker.UserName, asker.ConversationId];
        if (ids.Any(id => id is null || id.Length > MaxIdLength) || string.IsNullOrEmpty(asker.UserId))
        {
            return "the requester could not be identified";
        }

        if (request.Origin is { } origin
            && (origin.Conversation.Key.ChannelId.Length > MaxIdLength || origin.ThreadId?.Length > MaxIdLength || origin.Conversation.Reference.Length > MaxReferenceLength))
        {
            return "the conversation it came from could not be identified";
        }

        return null;
    }
}
