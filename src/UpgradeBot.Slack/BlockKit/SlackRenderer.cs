using System.Text;
using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Schedule;

namespace UpgradeBot.Slack.BlockKit;

/// <summary>Draws Core's replies and announcements as Block Kit messages; decides nothing itself.</summary>
public static class SlackRenderer
{
    /// <summary>The action id of the escalate button, shared by the renderer and the interaction handler.</summary>
    public const string EscalateActionId = EscalationOffer.ActionVerb;

    /// <summary>The button that opens the settings modal, on a settings message and on the App Home.</summary>
    public const string SettingsActionId = "customer_settings";

    public const string SettingsButtonTitle = "Change settings";

    /// <summary>The Customer Champions post's buttons; their value is the escalation's reference.</summary>
    public const string AcknowledgeActionId = "escalation_acknowledge";
    public const string ResolveActionId = "escalation_resolve";

    /// <summary>The resolve form: its callback id, and the block and element ids of its note.</summary>
    public const string ResolveCallbackId = "escalation_resolve";
    public const string NoteBlockId = "note";
    public const string NoteActionId = "note";

    private const string ResolveFormTitle = "Resolve escalation";

    /// <summary>Relaxed escaping keeps a non-Latin question at one character per character, so less of it is cut to fit.</summary>
    private static readonly JsonSerializerOptions ContextJson = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The message for anything Core says; a new kind of content needs a case here.</summary>
    public static SlackMessage Render(MessageContent content) => content switch
    {
        Reply reply => Reply(reply),
        Announcement announcement => Announcement(announcement),
        Notice notice => Notice(notice),
        EscalationNotice escalation => ChampionNotice(escalation.Escalation),
        CustomerSettingsForm form => Settings(form),
        EscalationProgress progress => Progress(progress),
        _ => throw new ArgumentOutOfRangeException(nameof(content), content.GetType().Name, "No Block Kit message for this content."),
    };

    private static SlackMessage Reply(Reply reply)
    {
        var blocks = new List<Block> { Header(reply.Headline) };
        if (!string.IsNullOrWhiteSpace(reply.Explanation))
        {
            blocks.Add(Section(Mrkdwn.Escape(reply.Explanation)));
        }

        if (reply.Steps.Count > 0)
        {
            var steps = new StringBuilder("*What you can do*");
            for (var i = 0; i < reply.Steps.Count; i++)
            {
                steps.Append('\n').Append(i + 1).Append(". ").Append(Mrkdwn.Escape(reply.Steps[i]));
            }

            blocks.Add(Section(steps.ToString()));
        }

        if (reply.DeploymentNote is not null)
        {
            blocks.Add(new ContextBlock([new MrkdwnText(Mrkdwn.Escape(reply.DeploymentNote))]));
        }

        if (reply.Upgrade is { } upgrade)
        {
            blocks.Add(UpgradeFacts(upgrade, reply.GraceDeadline));
        }

        if (Links(reply.Upgrade?.StatusUrl, reply.CalendarUrl) is { } links)
        {
            blocks.Add(links);
        }

        if (reply.Receipt is { } receipt)
        {
            blocks.Add(Section($"*Escalated as {Mrkdwn.Escape(receipt.Reference)}*\n{Mrkdwn.Escape(receipt.WhatHappensNext)}"));
            if (ReceiptProgress(receipt) is { } progress)
            {
                blocks.Add(progress);
            }
        }
        else if (reply.Escalation is { } offer)
        {
            blocks.Add(new ActionsBlock(
            [
                new ButtonElement(new PlainText(EscalationOffer.ButtonTitle), EscalateActionId, ButtonValue(offer.Context), Style: "primary"),
            ]));
        }

        return new SlackMessage(Fallback(ReplyText.Render(reply)), blocks);
    }

    private static SlackMessage Announcement(Announcement announcement)
    {
        var blocks = new List<Block> { Header(announcement.Headline) };
        if (!string.IsNullOrWhiteSpace(announcement.Text))
        {
            blocks.Add(Section(Mrkdwn.Escape(announcement.Text)));
        }

        blocks.Add(UpgradeFacts(announcement.Upgrade, announcement.GraceDeadline));
        if (Links(announcement.Upgrade.StatusUrl, announcement.CalendarUrl) is { } links)
        {
            blocks.Add(links);
        }
        if (announcement.Phases.Count > 0)
        {
            var schedule = new StringBuilder("*Schedule*");
            foreach (var phase in announcement.Phases.Take(20))
            {
                schedule.Append("\n• ").Append(Mrkdwn.Escape(phase.Name)).Append(": ")
                    .Append(Mrkdwn.LocalTime(phase.Start)).Append(" – ").Append(Mrkdwn.LocalTime(phase.End));
            }

            blocks.Add(Section(schedule.ToString()));
        }

        if (announcement.Late)
        {
            blocks.Add(new ContextBlock([new PlainText("Posted late: this was due earlier (the bot was down, or learned of it later).")]));
        }

        var text = $"{announcement.Headline}\n\n{announcement.Text}";
        return new SlackMessage(Fallback(text), blocks);
    }

    /// <summary>
    /// The post in the Customer Champions channel: where the escalation stands (who took it, when),
    /// the question and its context, and buttons for the steps that still apply.
    /// </summary>
    private static SlackMessage ChampionNotice(EscalationRecord escalation)
    {
        var asker = escalation.Asker;
        var context = escalation.Context;
        // A Slack user id renders as a clickable mention; elsewhere the name is all we have.
        var requester = asker.Platform == SlackPlatform.Name
            ? $"<@{Mrkdwn.Escape(asker.UserId)}> ({Mrkdwn.Escape(asker.UserName)})"
            : $"{Mrkdwn.Escape(asker.UserName)} ({Mrkdwn.Escape(asker.UserId)})";
        var fields = new List<TextObject>
        {
            Field("Requester", requester),
            Field("Workspace", $"{Mrkdwn.Escape(asker.TenantId)} on {Mrkdwn.Escape(asker.Platform)}"),
            Field("Topic", Mrkdwn.Escape(context.Topic)),
            Field("Timing", Mrkdwn.Escape(context.Verdict)),
            Field("Upgrade", Mrkdwn.Escape(context.UpgradeId ?? "none")),
            Field("Asked", Mrkdwn.LocalTime(context.AskedAt)),
        };
        fields.AddRange(EscalationWording.CustomerFacts(escalation).Select(f => Field(f.Title, Mrkdwn.Escape(f.Value))));
        if (escalation.TicketId is { } ticket)
        {
            fields.Add(Field(EscalationWording.TicketTitle, Mrkdwn.Escape(ticket)));
        }

        var headline = EscalationWording.PostHeadline(escalation);
        List<Block> blocks =
        [
            Header(headline),
            Section(States(escalation)),
            new SectionBlock(null, [.. fields.Take(SectionBlock.MaxFields)]),
            Section($"*Question*\n>{Mrkdwn.Escape(context.Question).Replace("\n", "\n>", StringComparison.Ordinal)}"),
            new ContextBlock([new MrkdwnText($"Escalated {Mrkdwn.LocalTime(escalation.CreatedAt)} from conversation {Mrkdwn.Escape(asker.ConversationId)}")]),
        ];
        if (escalation.NextStates.Count > 0)
        {
            blocks.Add(new ActionsBlock([.. escalation.NextStates.Select(to => new ButtonElement(
                new PlainText(EscalationWording.ActionTitle(to)),
                to == EscalationState.Acknowledged ? AcknowledgeActionId : ResolveActionId,
                escalation.Reference,
                Style: to == EscalationState.Resolved ? "primary" : null))]));
        }

        var text = $"{headline} ({EscalationWording.Title(escalation.State).ToLowerInvariant()}) from {asker.UserName} ({asker.TenantId}): {context.Question}";
        return new SlackMessage(Fallback(text), blocks);
    }

    /// <summary>Each change so far with who and when, or that it waits for someone; the latest note quoted under it.</summary>
    private static string States(EscalationRecord escalation)
    {
        var changes = new[] { escalation.Acknowledged, escalation.Resolved }.OfType<EscalationStateChange>().ToList();
        var text = new StringBuilder();
        foreach (var change in changes)
        {
            text.Append(text.Length == 0 ? string.Empty : "\n").Append('*').Append(Mrkdwn.Escape(EscalationWording.ByLine(change))).Append("* · ").Append(Mrkdwn.LocalTime(change.At));
        }

        if (changes.Count == 0)
        {
            text.Append('*').Append(Mrkdwn.Escape(EscalationWording.WaitingLine)).Append('*');
        }

        if (EscalationWording.Latest(escalation)?.Note is { } note)
        {
            text.Append('\n').Append(Quote($"{EscalationWording.NoteTitle}: {note}"));
        }

        return text.ToString();
    }

    /// <summary>What the requester is told, in the thread of their answer, when Customer Champions move their escalation on.</summary>
    private static SlackMessage Progress(EscalationProgress progress)
    {
        var blocks = new List<Block> { Section($"*{Mrkdwn.Escape(progress.Headline)}*\n{Mrkdwn.Escape(progress.Text)}") };
        if (progress.Note is { } note)
        {
            blocks.Add(Section($"*{EscalationWording.NoteTitle}*\n{Quote(note)}"));
        }

        var facts = new List<string>();
        if (progress.At is { } at)
        {
            facts.Add(Mrkdwn.LocalTime(at));
        }

        if (progress.TicketId is { } ticket)
        {
            facts.Add($"{EscalationWording.TicketTitle} {Mrkdwn.Escape(ticket)}");
        }

        if (facts.Count > 0)
        {
            blocks.Add(new ContextBlock([new MrkdwnText(string.Join(" · ", facts))]));
        }

        var text = progress.Note is null ? $"{progress.Headline} {progress.Text}" : $"{progress.Headline} {progress.Text}\n{EscalationWording.NoteTitle}: {progress.Note}";
        return new SlackMessage(Fallback(text), blocks);
    }

    /// <summary>
    /// The settings in a message (a modal needs a click to open): the values, who may change them and,
    /// for whoever may, the button that opens the modal. A welcome comes above them.
    /// </summary>
    private static SlackMessage Settings(CustomerSettingsForm form)
    {
        List<Block> blocks = form.Intro is { } intro
            ? [NoticeSection(intro), Section($"*{CustomerSettingsForm.Title}*\n{Mrkdwn.Escape(CustomerSettingsForm.Purpose)}")]
            : [Header(CustomerSettingsForm.Title), Section(Mrkdwn.Escape(CustomerSettingsForm.Purpose))];

        blocks.Add(SettingsFacts(form.Values));
        if (form.Message is { } message)
        {
            blocks.Add(Section(Mrkdwn.Escape(message)));
        }

        blocks.Add(SettingsContext(form));
        if (form.Editable)
        {
            blocks.Add(new ActionsBlock([new ButtonElement(new PlainText(SettingsButtonTitle), SettingsActionId, Style: "primary")]));
        }

        var text = form.Intro is { } welcome ? $"{welcome.Headline}\n{welcome.Text}" : $"{CustomerSettingsForm.Title}: {CustomerSettingsFields.DeploymentTitle(form.Values.Deployment)}";
        return new SlackMessage(Fallback(text), blocks);
    }

    /// <summary>The settings as read-only fields.</summary>
    internal static SectionBlock SettingsFacts(CustomerSettingsInput values) =>
        new(null, [.. CustomerSettingsFields.Facts(values).Select(f => Field(f.Label, Mrkdwn.Escape(f.Value)))]);

    /// <summary>Who set the settings and when, and who may change them.</summary>
    internal static ContextBlock SettingsContext(CustomerSettingsForm form)
    {
        var lines = new List<TextObject>();
        if (form.LastChange is { } change)
        {
            lines.Add(new MrkdwnText($"Last changed by {Mrkdwn.Escape(change.UserName)} on {Mrkdwn.LocalTime(change.At)}."));
        }

        lines.Add(new MrkdwnText(Mrkdwn.Escape(form.WhoMayChange)));
        return new ContextBlock(lines);
    }

    /// <summary>Where an escalation stands, under "Escalated as …", once Customer Champions moved it on or it has a ticket.</summary>
    private static ContextBlock? ReceiptProgress(EscalationReceipt receipt)
    {
        var parts = new List<string>();
        if (receipt.Latest is { } latest)
        {
            parts.Add($"{Mrkdwn.Escape(EscalationWording.ByLine(latest))} {Mrkdwn.LocalTime(latest.At)}");
            if (latest.Note is { } note)
            {
                parts.Add($"{EscalationWording.NoteTitle}: {Mrkdwn.Escape(note)}");
            }
        }

        if (receipt.TicketId is { } ticket)
        {
            parts.Add($"{EscalationWording.TicketTitle} {Mrkdwn.Escape(ticket)}");
        }

        return parts.Count == 0 ? null : new ContextBlock([new MrkdwnText(Mrkdwn.TruncateMarkup(string.Join(" · ", parts), SectionBlock.MaxText))]);
    }

    /// <summary>
    /// The form a resolve click opens: the escalation it is for, and an optional note for the
    /// requester. <paramref name="metadata"/> comes back with the submission.
    /// </summary>
    public static ModalView ResolveForm(EscalationRecord escalation, string metadata) => new(
        new PlainText(ResolveFormTitle),
        [
            Section($"*{Mrkdwn.Escape(escalation.Reference)}*\n{Quote(escalation.Context.Question)}"),
            new InputBlock(
                NoteBlockId,
                new PlainText(EscalationWording.NoteLabel),
                new PlainTextInputElement(NoteActionId)
                {
                    Multiline = true,
                    MaxLength = EscalationStateChange.MaxNoteLength,
                    Placeholder = new PlainText(EscalationWording.NotePlaceholder),
                })
            {
                Optional = true,
            },
        ])
    {
        CallbackId = ResolveCallbackId,
        Submit = new PlainText(EscalationWording.ActionTitle(EscalationState.Resolved)),
        Close = new PlainText("Cancel"),
        PrivateMetadata = metadata,
    };

    /// <summary>A form's answer that says something instead of closing (already resolved, not allowed).</summary>
    public static ModalView NoticeView(Notice notice) => new(
        new PlainText(Mrkdwn.Truncate(ResolveFormTitle, ModalView.MaxTitle)),
        Notice(notice).Blocks)
    {
        CallbackId = ResolveCallbackId,
        Close = new PlainText("Close"),
    };

    private static string Quote(string text) => ">" + Mrkdwn.Escape(text).Replace("\n", "\n>", StringComparison.Ordinal);

    /// <summary>A short message with no actions: a welcome, a command's confirmation, a refusal.</summary>
    private static SlackMessage Notice(Notice notice)
    {
        var plain = string.Join("\n", [notice.Headline, notice.Text, .. notice.Lines]);
        return new SlackMessage(Fallback(plain), [NoticeSection(notice)]);
    }

    private static SectionBlock NoticeSection(Notice notice)
    {
        var text = new StringBuilder("*").Append(Mrkdwn.Escape(notice.Headline)).Append("*\n").Append(Mrkdwn.Escape(notice.Text));
        foreach (var line in notice.Lines)
        {
            text.Append("\n• ").Append(Mrkdwn.Escape(line));
        }

        return Section(text.ToString());
    }

    /// <summary>
    /// The escalation context as the button's value: JSON of at most 2,000 characters. The question
    /// is already bounded by Core, but JSON escaping can still grow it, so it is shortened until it fits.
    /// </summary>
    public static string ButtonValue(EscalationContext context)
    {
        var json = JsonSerializer.Serialize(context, ContextJson);
        while (json.Length > ButtonElement.MaxValue && context.Question.Length > 0)
        {
            var over = json.Length - ButtonElement.MaxValue;
            var keep = Math.Max(0, context.Question.Length - Math.Max(over, 1));
            if (keep > 0 && char.IsHighSurrogate(context.Question[keep - 1]))
            {
                keep--;
            }

            context = context with { Question = context.Question[..keep] };
            json = JsonSerializer.Serialize(context, ContextJson);
        }

        return json;
    }

    /// <summary>Reads a button value back; null when it is not a context at all (tampered, truncated).</summary>
    public static EscalationContext? ParseButtonValue(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > ButtonElement.MaxValue)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<EscalationContext>(value, ContextJson);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static SectionBlock UpgradeFacts(UpgradeSummary upgrade, DateTimeOffset? graceDeadline)
    {
        var status = upgrade.Status.ToDisplay() + (upgrade.CurrentPhase is null ? string.Empty : $" ({upgrade.CurrentPhase})");
        var fields = new List<TextObject>
        {
            Field("Upgrade", Mrkdwn.Escape(upgrade.Title)),
            Field("Status", Mrkdwn.Escape(status)),
            Field("Starts", Mrkdwn.LocalTime(upgrade.Start)),
            Field("Ends", Mrkdwn.LocalTime(upgrade.End)),
        };
        if (graceDeadline is { } deadline)
        {
            fields.Add(Field("Should have settled by", Mrkdwn.LocalTime(deadline)));
        }

        return new SectionBlock(null, fields);
    }

    /// <summary>The status page and "Add to calendar" links on one line, or null when there is neither.</summary>
    internal static ContextBlock? Links(Uri? statusUrl, Uri? calendarUrl)
    {
        string?[] links =
        [
            statusUrl is null ? null : Mrkdwn.Link(statusUrl, "Service Status Updates"),
            calendarUrl is null ? null : Mrkdwn.Link(calendarUrl, CalendarFeedLink.Title),
        ];
        var shown = links.OfType<string>().ToArray();
        return shown.Length == 0 ? null : new ContextBlock([new MrkdwnText(string.Join(" · ", shown))]);
    }

    internal static HeaderBlock Header(string text) => new(new PlainText(Mrkdwn.Truncate(text, HeaderBlock.MaxText)));

    internal static SectionBlock Section(string mrkdwn) => new(new MrkdwnText(Mrkdwn.TruncateMarkup(mrkdwn, SectionBlock.MaxText)));

    internal static MrkdwnText Field(string label, string mrkdwnValue) =>
        new(Mrkdwn.TruncateMarkup($"*{label}*\n{mrkdwnValue}", SectionBlock.MaxFieldText));

    private static string Fallback(string text) => Mrkdwn.TruncateMarkup(Mrkdwn.Escape(text), SlackMessage.MaxText);
}
