using System.Globalization;
using System.Text.Json;
using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Schedule;

namespace UpgradeBot.Teams.Cards;

/// <summary>Draws Core's channel-neutral replies and announcements as Adaptive Cards.</summary>
public static class TeamsCards
{
    /// <summary>
    /// Added to the <c>Action.Submit</c> fallback's data: Teams delivers a Submit as an ordinary message
    /// with <c>value</c>, and this marker tells it apart from anything else carrying a value.
    /// </summary>
    public const string SubmitMarker = "upgradeBotAction";

    /// <summary>The verbs of the Customer Champions post's buttons, and of the requester's answer card refreshing itself.</summary>
    public const string AcknowledgeVerb = "escalationAcknowledge";
    public const string ResolveVerb = "escalationResolve";
    public const string RefreshVerb = "escalationRefresh";

    /// <summary>The id of the note field on the Customer Champions post: the key of its text in the resolve button's data.</summary>
    public const string NoteInput = "note";

    /// <summary>The card for anything Core says; a new kind of content needs a case here.</summary>
    /// <param name="refreshFor">
    /// The Teams user (MRI) an answer with an escalation receipt refreshes itself for, so it shows where
    /// the escalation stands whenever they look at it; null for no refresh.
    /// </param>
    public static AdaptiveCard Render(MessageContent content, string? refreshFor = null) => content switch
    {
        Reply reply => Reply(reply, refreshFor),
        Announcement announcement => Announcement(announcement),
        Notice notice => Notice(notice),
        EscalationNotice escalation => Escalation(escalation.Escalation),
        CustomerSettingsForm form => Settings(form),
        EscalationProgress progress => Progress(progress),
        _ => throw new ArgumentOutOfRangeException(nameof(content), content.GetType().Name, "No Teams card for this content."),
    };

    private static AdaptiveCard Reply(Reply reply, string? refreshFor)
    {
        var body = new List<CardElement>
        {
            Heading(reply.Headline),
        };
        if (!string.IsNullOrEmpty(reply.Explanation))
        {
            body.Add(new TextBlock(reply.Explanation));
        }

        if (reply.Steps.Count > 0)
        {
            body.Add(new TextBlock(string.Join(
                "\r",
                reply.Steps.Select((step, i) => string.Create(CultureInfo.InvariantCulture, $"{i + 1}. {step}")))));
        }

        if (reply.DeploymentNote is not null)
        {
            body.Add(new TextBlock(reply.DeploymentNote) { IsSubtle = true });
        }

        if (reply.Upgrade is { } upgrade)
        {
            body.Add(new FactSet(UpgradeFacts(upgrade, reply.GraceDeadline)) { Separator = true });
        }

        if (reply.Receipt is { } receipt)
        {
            body.Add(Receipt(receipt));
        }

        var actions = Links(reply.Upgrade?.StatusUrl, reply.CalendarUrl);
        if (reply.Escalation is { } offer)
        {
            actions.Add(Escalate(offer.Context));
        }

        var summary = ReplyText.Summary(reply);
        return new AdaptiveCard(body, actions.Count == 0 ? null : actions)
        {
            FallbackText = summary,
            Speak = summary,
            Refresh = reply.Receipt is { } escalated && refreshFor is not null
                ? new CardRefresh(new ExecuteAction("Refresh", RefreshVerb, ReferenceData(escalated.Reference), null), [refreshFor])
                : null,
        };
    }

    /// <summary>A short card with no actions: welcome, subscription changes, refusals.</summary>
    private static AdaptiveCard Notice(Notice notice) =>
        new(NoticeBody(notice)) { FallbackText = notice.Headline, Speak = notice.Headline };

    private static List<CardElement> NoticeBody(Notice notice)
    {
        var body = new List<CardElement>
        {
            Heading(notice.Headline),
            new TextBlock(notice.Text),
        };
        if (notice.Lines.Count > 0)
        {
            body.Add(new TextBlock(string.Join("\r", notice.Lines.Select(l => $"- {l}"))));
        }

        return body;
    }

    /// <summary>
    /// The settings: a form with a save button for whoever may change them (checked again when it is
    /// sent), the values for everyone else. What was not right is said beside its field; a welcome
    /// comes above.
    /// </summary>
    private static AdaptiveCard Settings(CustomerSettingsForm form)
    {
        var body = form.Intro is { } intro ? NoticeBody(intro) : [];
        body.Add(form.Intro is null ? Heading(CustomerSettingsForm.Title) : new TextBlock(CustomerSettingsForm.Title) { Weight = "Bolder", Separator = true, Spacing = "Medium" });
        body.Add(new TextBlock(CustomerSettingsForm.Purpose) { IsSubtle = true });
        if (form.Message is { } message)
        {
            body.Add(new TextBlock(message) { Weight = "Bolder", Color = form.Outcome == SettingsFormOutcome.Saved ? "Good" : "Attention" });
        }

        if (form.Editable)
        {
            AddInput(body, form, new InputChoiceSet(
                CustomerSettingsFields.Deployment.Id,
                [.. CustomerSettingsFields.DeploymentChoices.Select(c => new Choice(c.Title, c.Value))])
            {
                Label = CustomerSettingsFields.Deployment.Label,
                Value = form.Values.Deployment,
                IsRequired = true,
                ErrorMessage = "Choose public cloud, hybrid cloud or not sure.",
                Style = "compact",
            });
            AddInput(body, form, new InputText(CustomerSettingsFields.AccountId.Id)
            {
                Label = CustomerSettingsFields.AccountId.Label,
                Value = form.Values.AccountId,
                Placeholder = form.AccountIdHint,
                MaxLength = CustomerSettingsRules.MaxAccountIdLength,
            });
            AddInput(body, form, new InputText(CustomerSettingsFields.SupportContact.Id)
            {
                Label = CustomerSettingsFields.SupportContact.Label,
                Value = form.Values.SupportContact,
                Placeholder = "backup-admins@example.com",
                MaxLength = CustomerSettingsRules.MaxSupportContactLength,
                Style = "Email",
            });
        }
        else
        {
            body.Add(new FactSet([.. CustomerSettingsFields.Facts(form.Values).Select(f => new Fact(f.Label, f.Value))]));
        }

        if (form.LastChange is { } change)
        {
            body.Add(new TextBlock($"Last changed by {change.UserName} on {LocalTime(change.At)}.") { IsSubtle = true, Spacing = "Medium" });
        }

        body.Add(new TextBlock(form.WhoMayChange) { IsSubtle = true });
        var summary = form.Intro?.Headline ?? form.Message ?? CustomerSettingsForm.Title;
        return new AdaptiveCard(body, form.Editable ? [SaveSettings()] : null) { FallbackText = summary, Speak = summary };
    }

    /// <summary>An input, and right below it what was not right about what was sent in it.</summary>
    private static void AddInput(List<CardElement> body, CustomerSettingsForm form, CardInput input)
    {
        body.Add(input);
        if (form.Errors.TryGetValue(input.Id, out var error))
        {
            body.Add(new TextBlock(error) { Color = "Attention", Size = "Small", Spacing = "None" });
        }
    }

    private static ExecuteAction SaveSettings()
    {
        const string title = "Save settings";
        var submitData = new System.Text.Json.Nodes.JsonObject { [SubmitMarker] = CustomerSettingsFields.SubmitVerb };
        return new ExecuteAction(
            title,
            CustomerSettingsFields.SubmitVerb,
            JsonSerializer.SerializeToElement(new System.Text.Json.Nodes.JsonObject(), CardJson.Options),
            new SubmitAction(title, JsonSerializer.SerializeToElement(submitData, CardJson.Options)) { Style = "positive" })
        { Style = "positive" };
    }

    private static AdaptiveCard Announcement(Announcement announcement)
    {
        var facts = UpgradeFacts(announcement.Upgrade, announcement.GraceDeadline);
        var body = new List<CardElement>
        {
            Heading(announcement.Headline),
        };
        if (announcement.Late)
        {
            body.Add(new TextBlock("This announcement is late: it could not be posted on time.") { IsSubtle = true, Color = "Warning" });
        }

        body.Add(new TextBlock(announcement.Text));
        body.Add(new FactSet(facts) { Separator = true });
        if (announcement.Phases.Count > 1)
        {
            body.Add(new TextBlock("Phases") { Weight = "Bolder", Spacing = "Medium" });
            body.Add(new FactSet([.. announcement.Phases.Select(p => new Fact(p.Name, $"{LocalTime(p.Start)} – {LocalTime(p.End)}"))]));
        }

        var actions = Links(announcement.Upgrade.StatusUrl, announcement.CalendarUrl);
        return new AdaptiveCard(body, actions.Count == 0 ? null : actions) { FallbackText = announcement.Headline, Speak = announcement.Headline };
    }

    /// <summary>The status page and "Add to calendar" buttons, those that have an address.</summary>
    private static List<CardAction> Links(Uri? statusUrl, Uri? calendarUrl)
    {
        var actions = new List<CardAction>();
        if (statusUrl is not null)
        {
            actions.Add(new OpenUrlAction("Service status", statusUrl));
        }

        if (calendarUrl is not null)
        {
            actions.Add(new OpenUrlAction(CalendarFeedLink.Title, calendarUrl));
        }

        return actions;
    }

    /// <summary>
    /// What Customer Champions see for an escalation: where it stands (who took it, when), the
    /// question and its context, and the actions that still apply. A resolve takes an optional note.
    /// </summary>
    private static AdaptiveCard Escalation(EscalationRecord escalation)
    {
        var context = escalation.Context;
        var headline = EscalationWording.PostHeadline(escalation);
        List<Fact> facts =
        [
            new("Requester", $"{escalation.Asker.UserName} ({escalation.Asker.UserId})"),
            new("Platform", escalation.Asker.Platform),
            new("Tenant", escalation.Asker.TenantId),
            .. EscalationWording.CustomerFacts(escalation).Select(f => new Fact(f.Title, f.Value)),
            new("Topic", context.Topic),
            new("Verdict", context.Verdict),
            new("Upgrade", context.UpgradeId ?? "none"),
            new("Asked", LocalTime(context.AskedAt)),
            new("Escalated", LocalTime(escalation.CreatedAt)),
        ];
        if (escalation.TicketId is { } ticket)
        {
            facts.Add(new Fact(EscalationWording.TicketTitle, ticket));
        }

        var body = new List<CardElement>
        {
            Heading(headline),
            States(escalation),
            new TextBlock("Question") { Weight = "Bolder" },
            new TextBlock(context.Question),
            new FactSet(facts) { Separator = true },
        };
        var next = escalation.NextStates;
        if (next.Contains(EscalationState.Resolved))
        {
            body.Add(new InputText(NoteInput)
            {
                Label = EscalationWording.NoteLabel,
                Placeholder = EscalationWording.NotePlaceholder,
                IsMultiline = true,
                MaxLength = EscalationStateChange.MaxNoteLength,
                Separator = true,
            });
        }

        var actions = next.Select(to => (CardAction)Move(escalation.Reference, to)).ToList();
        var summary = $"{headline} ({EscalationWording.Title(escalation.State).ToLowerInvariant()}): {context.Question}";
        return new AdaptiveCard(body, actions.Count == 0 ? null : actions) { FallbackText = summary, Speak = headline };
    }

    /// <summary>Each change so far with who and when, or that it waits for someone; the latest note under it.</summary>
    private static Container States(EscalationRecord escalation)
    {
        var lines = new List<CardElement>();
        foreach (var change in new[] { escalation.Acknowledged, escalation.Resolved }.OfType<EscalationStateChange>())
        {
            lines.Add(new TextBlock($"{EscalationWording.ByLine(change)} · {LocalTime(change.At)}")
            {
                Weight = "Bolder",
                Color = change.State == EscalationState.Resolved ? "Good" : "Accent",
            });
        }

        if (lines.Count == 0)
        {
            lines.Add(new TextBlock(EscalationWording.WaitingLine) { Weight = "Bolder", Color = "Warning" });
        }

        if (EscalationWording.Latest(escalation)?.Note is { } note)
        {
            lines.Add(new TextBlock($"{EscalationWording.NoteTitle}: {note}"));
        }

        return new Container(lines) { Style = "emphasis", Spacing = "Medium" };
    }

    /// <summary>A Customer Champions button; the resolve button carries the note field's text, acknowledge leaves it.</summary>
    private static ExecuteAction Move(string reference, EscalationState to)
    {
        var verb = to == EscalationState.Acknowledged ? AcknowledgeVerb : ResolveVerb;
        var title = EscalationWording.ActionTitle(to);
        var submit = JsonSerializer.SerializeToNode(new { reference }, CardJson.Options)!.AsObject();
        submit[SubmitMarker] = verb;
        return new ExecuteAction(title, verb, ReferenceData(reference), new SubmitAction(title, JsonSerializer.SerializeToElement(submit, CardJson.Options)))
        {
            Style = to == EscalationState.Resolved ? "positive" : null,
            AssociatedInputs = to == EscalationState.Resolved ? null : "none",
        };
    }

    private static JsonElement ReferenceData(string reference) => JsonSerializer.SerializeToElement(new { reference }, CardJson.Options);

    /// <summary>What the requester is told when Customer Champions move their escalation on.</summary>
    private static AdaptiveCard Progress(EscalationProgress progress)
    {
        var facts = new List<Fact>();
        if (progress.At is { } at)
        {
            facts.Add(new Fact("When", LocalTime(at)));
        }

        if (progress.TicketId is { } ticket)
        {
            facts.Add(new Fact(EscalationWording.TicketTitle, ticket));
        }

        var body = new List<CardElement>
        {
            Heading(progress.Headline),
            new TextBlock(progress.Text),
        };
        if (facts.Count > 0)
        {
            body.Add(new FactSet(facts));
        }

        if (progress.Note is { } note)
        {
            body.Add(new Container([new TextBlock(EscalationWording.NoteTitle) { Weight = "Bolder" }, new TextBlock(note)]) { Style = "emphasis", Separator = true });
        }

        return new AdaptiveCard(body) { FallbackText = progress.Headline, Speak = progress.Headline };
    }

    /// <summary>
    /// A time in each reader's own time zone: Adaptive Cards expand <c>DATE</c>/<c>TIME</c> on the
    /// client, which needs the instant in RFC 3339 UTC form.
    /// </summary>
    public static string LocalTime(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return $"{{{{DATE({utc}, SHORT)}}}} {{{{TIME({utc})}}}}";
    }

    private static TextBlock Heading(string text) => new(text) { Size = "Medium", Weight = "Bolder", Style = "heading" };

    private static List<Fact> UpgradeFacts(UpgradeSummary upgrade, DateTimeOffset? graceDeadline)
    {
        var facts = new List<Fact>
        {
            new("Upgrade", upgrade.Title),
            new("Status", upgrade.Status.ToDisplay()),
        };
        if (upgrade.CurrentPhase is not null)
        {
            facts.Add(new Fact("Current phase", upgrade.CurrentPhase));
        }

        facts.Add(new Fact("Starts", LocalTime(upgrade.Start)));
        facts.Add(new Fact("Ends", LocalTime(upgrade.End)));
        if (graceDeadline is { } deadline)
        {
            facts.Add(new Fact("Should settle by", LocalTime(deadline)));
        }

        return facts;
    }

    private static Container Receipt(EscalationReceipt receipt)
    {
        var items = new List<CardElement>
        {
            new TextBlock($"Escalated as {receipt.Reference}") { Weight = "Bolder", Color = "Good" },
            new TextBlock(receipt.WhatHappensNext),
        };
        var facts = new List<Fact>();
        if (receipt.Latest is { } latest)
        {
            facts.Add(new Fact("State", $"{EscalationWording.ByLine(latest)} · {LocalTime(latest.At)}"));
            if (latest.Note is { } note)
            {
                facts.Add(new Fact(EscalationWording.NoteTitle, note));
            }
        }

        if (receipt.TicketId is { } ticket)
        {
            facts.Add(new Fact(EscalationWording.TicketTitle, ticket));
        }

        if (facts.Count > 0)
        {
            items.Add(new FactSet(facts));
        }

        return new Container(items) { Style = "emphasis", Separator = true, Spacing = "Medium" };
    }

    private static ExecuteAction Escalate(EscalationContext context)
    {
        var data = JsonSerializer.SerializeToNode(context, CardJson.Options)!.AsObject();
        var executeData = JsonSerializer.SerializeToElement(data, CardJson.Options);
        data[SubmitMarker] = EscalationOffer.ActionVerb;
        var submitData = JsonSerializer.SerializeToElement(data, CardJson.Options);
        return new ExecuteAction(
            EscalationOffer.ButtonTitle,
            EscalationOffer.ActionVerb,
            executeData,
            new SubmitAction(EscalationOffer.ButtonTitle, submitData) { Style = "positive" })
        { Style = "positive" };
    }
}
