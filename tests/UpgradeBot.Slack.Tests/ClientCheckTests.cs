using System.Text.Json;
using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Conversations;
using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Deployments;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Messaging;
using UpgradeBot.Core.Schedule;
using UpgradeBot.Core.Subscriptions;
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

        foreach (var view in EveryKindOfView())
        {
            PayloadFiles.SaveView("renderer", JsonSerializer.SerializeToElement(view, SlackJson.Options));
        }

        var (exitCode, stdout, stderr) = await ClientChecks.RunNodeAsync("slack", "check.mjs");

        Assert.True(exitCode == 0, stdout + stderr);
    }

    /// <summary>The settings form as each way it is shown: a welcome, editable, read-only, saved, with errors and with odd text.</summary>
    private static IEnumerable<CustomerSettingsForm> SettingsForms()
    {
        var settings = new CustomerSettings(DeploymentType.HybridCloud, "acme-01", "backup-admins@acme.example");
        var empty = new CustomerSettingsForm(CustomerSettingsInput.From(CustomerSettings.NotSetUp), true, "Workspace admins and owners can change these settings.", "3 to 64 letters", new Dictionary<string, string>());
        var stored = empty with { Values = CustomerSettingsInput.From(settings), LastChange = new CustomerChange(DateTimeOffset.UnixEpoch, "U0USER01", "Ada <Admin> & co", settings) };
        yield return empty with { Intro = BotConversation.Welcome(SlackPlatform.Syntax) };
        yield return empty;
        yield return stored with { Editable = false };
        yield return stored with { Outcome = SettingsFormOutcome.Saved, Message = "Saved." };
        yield return stored with
        {
            Values = new CustomerSettingsInput("OnPremises", new string('a', 300), "<!channel>"),
            Errors = new Dictionary<string, string> { [CustomerSettingsFields.AccountId.Id] = "That is not an account id." },
            Outcome = SettingsFormOutcome.Invalid,
            Message = "Nothing was saved.",
        };
    }

    private static IEnumerable<SlackView> EveryKindOfView()
    {
        foreach (var form in SettingsForms())
        {
            yield return SlackViews.Modal(form);
        }

        var start = new DateTimeOffset(2026, 12, 5, 22, 0, 0, TimeSpan.Zero);
        var upgrade = new UpgradeSummary("q4", "Q4 upgrade", UpgradeStatus.InProgress, "Phase 1", start, start.AddDays(2), new Uri("https://status.example.com/q4"));
        var status = SlackRendererTests.Answer() with { Escalation = null, Upgrade = upgrade, CalendarUrl = new Uri("https://upgradebot.example.com/api/calendar/upgrades.ics") };
        var outlook = new Outlook("Q4 upgrade is in progress.", ["Usage and Destination graphs", "\"Destination is offline\" alert (hybrid cloud deployments only)"], "It clears up on its own.");
        var channels = Enumerable.Range(0, 45).Select(i => new Subscription(new ConversationKey("slack", "T0TEST01", i == 0 ? "D0DM0001" : $"C0CHAN{i:D3}"), "{}", null, true, start, start)).ToList();
        var forms = SettingsForms().ToList();
        yield return SlackViews.Home(new CustomerOverview(status, outlook, channels, forms[1]), new Uri("https://slack.com/app_redirect?app=A0TEST01&team=T0TEST01"));
        yield return SlackViews.Home(new CustomerOverview(status with { Upgrade = null, CalendarUrl = null }, outlook with { Symptoms = [], Advice = null }, [], forms[2]), askUrl: null);

        var escalation = Escalations(SlackRendererTests.Answer().Escalation!.Context, DateTimeOffset.UnixEpoch)[1];
        yield return SlackRenderer.ResolveForm(escalation with { Context = escalation.Context with { Question = new string('q', 500) } }, "{\"reference\":\"UPG-20261124-0001\"}");
        yield return SlackRenderer.NoticeView(EscalationWording.ForActor(EscalationChangeOutcome.Refused, escalation.Reference, EscalationState.Resolved, null));
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
        foreach (var form in SettingsForms())
        {
            yield return SlackRenderer.Render(form);
        }

        yield return SlackRenderer.Render(BotConversation.Welcome(SlackPlatform.Syntax));
        yield return SlackRenderer.Render(BotConversation.UnreadableButton);
        yield return SlackRenderer.Render(new Notice("Not subscribed.", "You have reached today's limit <of> 5 & more."));
    }
}
