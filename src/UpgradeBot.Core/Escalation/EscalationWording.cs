using System.Globalization;
using System.Text;

namespace UpgradeBot.Core.Escalation;

/// <summary>
/// What the bot says about an escalation after it was sent, on every platform: the Customer
/// Champions post's labels and actions, the answers to their clicks, what the requester is told, and
/// the help-desk ticket. Times stay instants here; each renderer draws them in the reader's own time.
/// </summary>
public static class EscalationWording
{
    public const string NoteLabel = "Note for the requester (optional)";
    public const string NotePlaceholder = "What was wrong, or what they can do now";
    public const string NoteTitle = "Note";
    public const string TicketTitle = "Ticket";

    /// <summary>The post's state line while nobody has taken it.</summary>
    public const string WaitingLine = "Open: waiting for a Customer Champion.";

    /// <summary>The first words a requester sees of their question, in what they are told.</summary>
    private const int QuotedQuestion = 120;

    private const string CustomerTitle = "Customer account";

    /// <summary>Shown for the customer's account or support contact while its admins have not set it: Customer Champions see it is missing.</summary>
    private const string NotSetUp = "not set up";

    /// <summary>The button that moves an escalation to <paramref name="to"/>.</summary>
    public static string ActionTitle(EscalationState to) => to switch
    {
        EscalationState.Acknowledged => "Acknowledge",
        EscalationState.Resolved => "Resolve",
        _ => throw new ArgumentOutOfRangeException(nameof(to), to, "Nobody moves an escalation back to open."),
    };

    public static string Title(EscalationState state) => state switch
    {
        EscalationState.Open => "Open",
        EscalationState.Acknowledged => "Acknowledged",
        _ => "Resolved",
    };

    /// <summary>"Acknowledged by Alex Admin": the renderer adds when, in the reader's time.</summary>
    public static string ByLine(EscalationStateChange change) => $"{Title(change.State)} by {change.By.Name}";

    public static string PostHeadline(EscalationRecord escalation) => $"Escalation {escalation.Reference}";

    /// <summary>Who the customer is, on the Customer Champions post.</summary>
    public static IReadOnlyList<(string Title, string Value)> CustomerFacts(EscalationRecord escalation) =>
    [
        (CustomerTitle, escalation.Customer?.AccountId ?? NotSetUp),
        ("Support contact", escalation.Customer?.SupportContact ?? NotSetUp),
    ];

    /// <summary>The latest change, the one the post and the requester's answer show.</summary>
    public static EscalationStateChange? Latest(EscalationRecord escalation) => escalation.Resolved ?? escalation.Acknowledged;

    /// <summary>What the requester reads under "Escalated as …" once Customer Champions have moved it on.</summary>
    public static string WhatHappensNext(EscalationRecord escalation) => escalation.State switch
    {
        EscalationState.Acknowledged => $"{escalation.Acknowledged!.By.Name} from Customer Champions is looking into it. Quote this reference if you follow up.",
        EscalationState.Resolved => "Customer Champions have resolved it. If the problem is still there, ask me again and escalate: that opens a new escalation.",
        _ => ReplyWording.WhatHappensNext(isNew: true),
    };

    /// <summary>What the requester is told after <paramref name="happened"/>; null when there is nothing to tell (no ticket id yet).</summary>
    public static EscalationProgress? Progress(EscalationRecord escalation, EscalationEvent happened)
    {
        var reference = escalation.Reference;
        var about = $"Your escalation about \"{Quote(escalation.Context.Question)}\"";
        return happened switch
        {
            EscalationEvent.TicketOpened when escalation.TicketId is { } ticket => Told(
                $"Customer Champions opened ticket {ticket} for {reference}.",
                $"{about} is now a ticket in their help desk. Quote {reference} or ticket {ticket} if you follow up.",
                null,
                null),
            EscalationEvent.Acknowledged when escalation.Acknowledged is { } acknowledged => Told(
                $"Customer Champions are looking into {reference}.",
                $"{about} was acknowledged by {acknowledged.By.Name}. You don't need to do anything now; they will contact you if they need more.",
                acknowledged.At,
                acknowledged.Note),
            EscalationEvent.Resolved when escalation.Resolved is { } resolved => Told(
                $"Customer Champions resolved {reference}.",
                $"{about} was resolved by {resolved.By.Name}. If the problem is still there, ask me again and escalate: that opens a new escalation.",
                resolved.At,
                resolved.Note),
            _ => null,
        };

        EscalationProgress Told(string headline, string text, DateTimeOffset? at, string? note) =>
            new(reference, happened, headline, text, at, note, escalation.TicketId);
    }

    /// <summary>What the Customer Champion who clicked (or the admin API caller) is told.</summary>
    public static Notice ForActor(EscalationChangeOutcome outcome, string reference, EscalationState to, EscalationRecord? escalation) => outcome switch
    {
        EscalationChangeOutcome.Changed => new Notice(
            $"You {Title(to).ToLowerInvariant()} {reference}.",
            escalation?.Origin is null ? "I'm updating the Customer Champions posts." : "I'm updating the Customer Champions posts and letting the requester know."),
        EscalationChangeOutcome.AlreadyDone => new Notice(
            $"{reference} is already {Title(escalation!.State).ToLowerInvariant()}.",
            $"{ByLine(Latest(escalation)!)}. Nothing was changed."),
        EscalationChangeOutcome.NotFound => new Notice(
            "I don't know that escalation.",
            $"There is no escalation {reference}, so nothing was changed."),
        EscalationChangeOutcome.Refused => new Notice(
            "Only Customer Champions can do that.",
            "Escalations are acknowledged and resolved in the Customer Champions conversation. Nothing was changed."),
        _ => new Notice(
            "I couldn't use that note.",
            $"A note is text of at most {EscalationStateChange.MaxNoteLength} characters. Nothing was changed."),
    };

    /// <summary>What a Customer Champion is told when the platform could not show the resolve form in time.</summary>
    public static Notice FormNotOpened(string reference) => new(
        $"I couldn't open the form to resolve {reference}.",
        "It has to open within a few seconds of the click and did not. Click Resolve again; nothing was changed.");

    /// <summary>The help-desk ticket's subject. Built from what never changes, so a retried ticket is the same request.</summary>
    public static string TicketSubject(EscalationRecord escalation) =>
        $"{escalation.Reference}: {Quote(escalation.Context.Question)}";

    /// <summary>The ticket's first comment: the question and everything it carried, times in UTC (a help desk shows plain text).</summary>
    public static string TicketBody(EscalationRecord escalation)
    {
        var asker = escalation.Asker;
        var context = escalation.Context;
        var body = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Escalated through UpgradeBot as {escalation.Reference}.")
            .AppendLine()
            .AppendLine("Question:")
            .AppendLine(context.Question)
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Requester: {asker.UserName} ({asker.UserId}) on {asker.Platform}, tenant {asker.TenantId}");
        if (escalation.Customer?.AccountId is { } account)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"{CustomerTitle}: {account}");
        }

        return body
            .AppendLine(CultureInfo.InvariantCulture, $"Topic: {context.Topic}")
            .AppendLine(CultureInfo.InvariantCulture, $"Timing: {context.Verdict}")
            .AppendLine(CultureInfo.InvariantCulture, $"Upgrade: {context.UpgradeId ?? "none"}")
            .AppendLine(CultureInfo.InvariantCulture, $"Asked: {ReplyText.Utc(context.AskedAt)}")
            .Append(CultureInfo.InvariantCulture, $"Escalated: {ReplyText.Utc(escalation.CreatedAt)}")
            .ToString();
    }

    private static string Quote(string question)
    {
        var line = string.Join(' ', question.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (line.Length <= QuotedQuestion)
        {
            return line;
        }

        var cut = char.IsHighSurrogate(line[QuotedQuestion - 2]) ? QuotedQuestion - 2 : QuotedQuestion - 1;
        return string.Concat(line.AsSpan(0, cut), "…");
    }
}
