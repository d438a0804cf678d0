using System.Globalization;
using System.Text.Json;
using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Messaging;
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

    /// <summary>The card for anything Core says; a new kind of content needs a case here.</summary>
    public static AdaptiveCard Render(MessageContent content) => content switch
    {
        Reply reply => Reply(reply),
        Announcement announcement => Announcement(announcement),
        Notice notice => Notice(notice),
        EscalationNotice escalation => Escalation(escalation.Escalation),
        _ => throw new ArgumentOutOfRangeException(nameof(content), content.GetType().Name, "No Teams card for this content."),
    };

    private static AdaptiveCard Reply(Reply reply)
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
        return new AdaptiveCard(body, actions.Count == 0 ? null : actions) { FallbackText = summary, Speak = summary };
    }

    /// <summary>A short card with no actions: welcome, subscription changes, refusals.</summary>
    private static AdaptiveCard Notice(Notice notice)
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

        return new AdaptiveCard(body) { FallbackText = notice.Headline, Speak = notice.Headline };
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

    /// <summary>What Customer Champions see for a new escalation.</summary>
    private static AdaptiveCard Escalation(EscalationRecord escalation)
    {
        var context = escalation.Context;
        var headline = $"Escalation {escalation.Reference}";
        var facts = new List<Fact>
        {
            new("Requester", $"{escalation.Asker.UserName} ({escalation.Asker.UserId})"),
            new("Platform", escalation.Asker.Platform),
            new("Tenant", escalation.Asker.TenantId),
            new("Topic", context.Topic),
            new("Verdict", context.Verdict),
            new("Upgrade", context.UpgradeId ?? "none"),
            new("Asked", LocalTime(context.AskedAt)),
            new("Escalated", LocalTime(escalation.CreatedAt)),
        };
        return new AdaptiveCard(
        [
            Heading(headline),
            new TextBlock("Question") { Weight = "Bolder" },
            new TextBlock(context.Question),
            new FactSet(facts) { Separator = true },
        ])
        { FallbackText = $"{headline}: {context.Question}", Speak = headline };
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

    private static Container Receipt(EscalationReceipt receipt) =>
        new(
        [
            new TextBlock($"Escalated as {receipt.Reference}") { Weight = "Bolder", Color = "Good" },
            new TextBlock(receipt.WhatHappensNext),
        ])
        { Style = "emphasis", Separator = true, Spacing = "Medium" };

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
