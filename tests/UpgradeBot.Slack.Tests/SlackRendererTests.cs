using System.Text.Json;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Schedule;
using UpgradeBot.Slack.Api;
using UpgradeBot.Slack.BlockKit;
using UpgradeBot.Slack.Inbound;

namespace UpgradeBot.Slack.Tests;

public sealed class SlackRendererTests
{
    private static readonly DateTimeOffset Asked = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    public static Reply Answer(string question = "usage graph broken", string explanation = "Graphs can be wrong during an upgrade.") => new(
        "usage-destination-graphs",
        Verdict.NotUpgradeRelated,
        "No upgrade explains this right now.",
        explanation,
        ["Open Devices", "Pick a device"],
        new UpgradeSummary("q4", "Q4 upgrade", UpgradeStatus.Completed, null, Asked.AddDays(-10), Asked.AddDays(-8), new Uri("https://status.example.com/q4")),
        Asked.AddDays(-6),
        "On hybrid cloud deployments an upgrade can also cause an alert.",
        new EscalationOffer(new EscalationContext("usage-destination-graphs", "not-upgrade-related", "q4", EscalationContext.Bounded(question), Asked)));

    [Fact]
    public void Reply_has_header_escaped_explanation_numbered_steps_facts_link_and_the_escalate_button()
    {
        var message = SlackRenderer.Render(Answer(explanation: "Use <!channel> & <https://evil.example|this>"));
        var json = Serialize(message);

        Assert.Equal("header", message.Blocks[0].Type);
        Assert.Contains("Use &lt;!channel&gt; &amp; &lt;https://evil.example|this&gt;", json, StringComparison.Ordinal);
        Assert.Contains("1. Open Devices\\n2. Pick a device", json, StringComparison.Ordinal);
        Assert.Contains($"<!date^{Asked.AddDays(-10).ToUnixTimeSeconds()}^{{date_short_pretty}} {{time}}|2026-11-14 10:00 UTC>", json, StringComparison.Ordinal);
        Assert.Contains("<https://status.example.com/q4|Service Status Updates>", json, StringComparison.Ordinal);
        var button = Assert.Single(message.Blocks.OfType<ActionsBlock>().SelectMany(a => a.Elements));
        Assert.Equal(("escalate", "primary", EscalationOffer.ButtonTitle), (button.ActionId, button.Style, button.Text.Text));
        Assert.Equal(Answer().Escalation!.Context, SlackRenderer.ParseButtonValue(button.Value));
        Assert.False(string.IsNullOrWhiteSpace(message.Text));
        Assert.DoesNotContain("<!channel>", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_to_calendar_sits_beside_the_status_page_link_and_stands_alone_without_an_upgrade()
    {
        var calendar = new Uri("https://upgradebot.example.com/api/calendar/upgrades.ics");
        var withUpgrade = Serialize(SlackRenderer.Render(Answer() with { CalendarUrl = calendar }));
        var nothingScheduled = SlackRenderer.Render(Answer() with { Upgrade = null, Escalation = null, CalendarUrl = calendar });

        Assert.Contains("<https://status.example.com/q4|Service Status Updates> · <https://upgradebot.example.com/api/calendar/upgrades.ics|Add to calendar>", withUpgrade, StringComparison.Ordinal);
        var links = Assert.IsType<ContextBlock>(nothingScheduled.Blocks[^1]);
        Assert.Equal("<https://upgradebot.example.com/api/calendar/upgrades.ics|Add to calendar>", Assert.IsType<MrkdwnText>(Assert.Single(links.Elements)).Text);
    }

    [Fact]
    public void Receipt_replaces_the_button()
    {
        var reply = Answer() with { Escalation = null, Receipt = new EscalationReceipt("UPG-20261124-0001", true, "Customer Champions will contact you.") };

        var message = SlackRenderer.Render(reply);

        Assert.Empty(message.Blocks.OfType<ActionsBlock>());
        Assert.Contains("UPG-20261124-0001", Serialize(message), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("\"")]
    [InlineData("\u0001")]
    [InlineData("日")]
    [InlineData("😀")]
    public void Button_value_stays_within_2000_characters_for_the_longest_question(string unit)
    {
        var question = string.Concat(Enumerable.Repeat(unit, 2000));
        var reply = Answer(question);

        var value = SlackRenderer.Render(reply).Blocks.OfType<ActionsBlock>().Single().Elements.Single().Value!;

        Assert.InRange(value.Length, 1, ButtonElement.MaxValue);
        var parsed = SlackRenderer.ParseButtonValue(value);
        Assert.NotNull(parsed);
        Assert.StartsWith(parsed.Question, reply.Escalation!.Context.Question, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_is_cut_to_150_characters_and_section_text_to_3000()
    {
        var reply = Answer(explanation: string.Concat(Enumerable.Repeat("a&b ", 2000))) with { Headline = new string('h', 400) };

        var message = SlackRenderer.Render(reply);

        Assert.Equal(HeaderBlock.MaxText, ((HeaderBlock)message.Blocks[0]).Text.Text.Length);
        var section = ((SectionBlock)message.Blocks[1]).Text!.Text;
        Assert.InRange(section.Length, 1, SectionBlock.MaxText);
        Assert.Matches("(&amp; ?|b ?|a)…$", section);
        Assert.InRange(message.Text.Length, 1, SlackMessage.MaxText);
    }

    [Fact]
    public void Blocks_serialize_with_their_type_first_and_no_nulls()
    {
        var json = Serialize(SlackRenderer.Render(Answer()));

        using var document = JsonDocument.Parse(json);
        foreach (var block in document.RootElement.GetProperty("blocks").EnumerateArray())
        {
            Assert.Equal("type", block.EnumerateObject().First().Name);
        }

        Assert.DoesNotContain("null", json.Replace("\"upgradeId\":null", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<@U0BOT001> is the dashboard wrong?", "is the dashboard wrong?")]
    [InlineData("<@U0BOT001|upgradebot> status", "status")]
    [InlineData("hey <@W0ENT001> graphs &lt;broken&gt; &amp; odd", "hey   graphs <broken> & odd")]
    [InlineData(null, "")]
    public void Mentions_are_stripped_and_slack_escapes_undone(string? text, string expected) =>
        Assert.Equal(expected, SlackText.Plain(text));

    [Theory]
    [InlineData("garbage")]
    [InlineData("[]")]
    [InlineData("")]
    public void Unreadable_button_values_parse_to_nothing(string value) =>
        Assert.Null(SlackRenderer.ParseButtonValue(value));

    private static string Serialize(SlackMessage message) => JsonSerializer.Serialize(message, SlackJson.Options);
}
