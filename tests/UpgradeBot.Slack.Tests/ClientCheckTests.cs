using System.Text.Json;
using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Conversations;
using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Messaging;
using UpgradeBot.Core.Schedule;
using UpgradeBot.Slack.Api;
using UpgradeBot.Slack.BlockKit;
using UpgradeBot.Testing;

namespace UpgradeBot.Slack.Tests;

/// <summary>
/// Runs tests/clients/slack: every Block Kit payload the code produced (here, for each kind of
/// message, and whatever the integration tests saved) type-checked by Slack's @slack/types.
/// </summary>
public sealed class ClientCheckTests
{
    [Fact]
    public async Task Every_block_kit_payload_type_checks_against_slack_types()
    {
        ClientChecks.RequireInstalled("slack", "@slack/types", ".ci/setup.d/30-slack-clients.sh");

        foreach (var message in EveryKindOfMessage())
        {
            PayloadFiles.Save("renderer", JsonSerializer.SerializeToElement(message, SlackJson.Options));
        }

        foreach (var view in EveryModal())
        {
            PayloadFiles.Save("renderer-view", JsonSerializer.SerializeToElement(new { view }, SlackJson.Options));
        }

        var (exitCode, stdout, stderr) = await ClientChecks.RunNodeAsync("slack", "check.mjs");

        Assert.True(exitCode == 0, stdout + stderr);
    }

    /// <summary>An escalation in each state: open (bare, then with the customer and a ticket), acknowledged, resolved with a note that needs escaping.</summary>
    public static IReadOnlyList<EscalationRecord> Escalations(EscalationContext context, DateTimeOffset at)
    {
        var open = new EscalationRecord(
            "UPG-20261124-0001", new Asker("slack", "T0TEST01", "U0USER01", "ada", "C0CHAN01"), context, DeliveryStatus.Pending, at,
            new CustomerProfile("ACME-0042", "support@acme.example"), TicketId: "4711");
        var acknowledged = open with { Acknowledged = new EscalationStateChange(EscalationState.Acknowledged, new EscalationActor("slack", "U0CHAMP1", "Bea"), at.AddMinutes(5), null) };
        var resolved = acknowledged with { Resolved = new EscalationStateChange(EscalationState.Resolved, new EscalationActor("teams", "aad-2", "Cy"), at.AddMinutes(50), "Fixed <on our side> & the graphs\nrefresh tonight") };
        return [open with { Customer = null, TicketId = null }, open, acknowledged, resolved];
    }

    private static IEnumerable<SlackView> EveryModal()
    {
        var escalation = Escalations(SlackRendererTests.Answer().Escalation!.Context, DateTimeOffset.UnixEpoch)[1];
        yield return SlackRenderer.ResolveForm(escalation with { Context = escalation.Context with { Question = new string('q', 500) } }, "{\"reference\":\"UPG-20261124-0001\"}");
        yield return SlackRenderer.NoticeView(EscalationWording.ForActor(EscalationChangeOutcome.Refused, escalation.Reference, EscalationState.Resolved, null));
    }

    private static IEnumerable<SlackMessage> EveryKindOfMessage()
    {
        var answer = SlackRendererTests.Answer();
        yield return SlackRenderer.Render(answer);
        yield return SlackRenderer.Render(answer with { Escalation = null, Receipt = new EscalationReceipt("UPG-20261124-0001", true, "Customer Champions will contact you.") });
        yield return SlackRenderer.Render(answer with { Steps = [], Upgrade = null, DeploymentNote = null, GraceDeadline = null, Explanation = string.Empty });
        var calendar = new Uri("https://upgradebot.example.com/api/calendar/upgrades.ics");
        yield return SlackRenderer.Render(answer with { Escalation = null, CalendarUrl = calendar });
        yield return SlackRenderer.Render(answer with { Escalation = null, Upgrade = null, CalendarUrl = calendar });
        yield return SlackRenderer.Render(SlackRendererTests.Answer(question: new string('q', 600), explanation: new string('x', 5000)) with { Headline = new string('h', 300) });
        var start = new DateTimeOffset(2026, 12, 5, 22, 0, 0, TimeSpan.Zero);
        var upgrade = new UpgradeSummary("q4", "Q4 upgrade", UpgradeStatus.InProgress, "Phase 1", start, start.AddDays(2), new Uri("https://status.example.com/q4"));
        foreach (var kind in Enum.GetValues<AnnouncementKind>())
        {
            yield return SlackRenderer.Render(new Announcement(
                kind, $"{kind}: Q4 upgrade", "Your data is not at risk.", upgrade, [new UpgradePhase("Phase 1", start, start.AddDays(2))], start.AddDays(3), Late: kind == AnnouncementKind.Started, calendar));
        }

        foreach (var escalation in Escalations(answer.Escalation!.Context, start))
        {
            yield return SlackRenderer.Render(new EscalationNotice(escalation));
            foreach (var happened in Enum.GetValues<EscalationEvent>())
            {
                if (EscalationWording.Progress(escalation, happened) is { } progress)
                {
                    yield return SlackRenderer.Render(progress);
                }
            }
        }

        var resolved = Escalations(answer.Escalation!.Context, start)[^1];
        yield return SlackRenderer.Render(answer with
        {
            Escalation = null,
            Receipt = new EscalationReceipt(resolved.Reference, false, EscalationWording.WhatHappensNext(resolved), EscalationWording.Latest(resolved), resolved.TicketId),
        });
        yield return SlackRenderer.Render(EscalationWording.ForActor(EscalationChangeOutcome.AlreadyDone, resolved.Reference, EscalationState.Acknowledged, resolved));
        yield return SlackRenderer.Render(BotConversation.Welcome(SlackPlatform.Syntax));
        yield return SlackRenderer.Render(BotConversation.UnreadableButton);
        yield return SlackRenderer.Render(new Notice("Not subscribed.", "You have reached today's limit <of> 5 & more."));
    }
}
