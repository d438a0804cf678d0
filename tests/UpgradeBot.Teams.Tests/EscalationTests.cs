using System.Net;
using System.Text.Json.Nodes;
using UpgradeBot.Teams.Tests.Support;
using UpgradeBot.Testing;

namespace UpgradeBot.Teams.Tests;

public sealed class EscalationTests() : TeamsHostTest(TeamsHost.LongAfterUpgrade)
{
    protected override IDictionary<string, string?> Settings(FakeConnector connector) =>
        new Dictionary<string, string?> { ["Escalation:MaxPerUserPerDay"] = "2" };

    [Fact]
    public async Task Answer_that_offers_escalation_carries_execute_with_submit_fallback()
    {
        var card = await AskAsync("the usage graph on the dashboard is still wrong");
        CardOutput.Save("answer-persisting-escalate", card);

        var execute = EscalateAction(card);
        Assert.Equal("Escalate to Customer Champions", (string?)execute["title"]);
        Assert.Equal("escalate", (string?)execute["verb"]);
        Assert.Equal("persisting-escalate", (string?)execute["data"]!["verdict"]);
        var fallback = execute["fallback"]!;
        Assert.Equal("Action.Submit", (string?)fallback["type"]);
        Assert.Equal("escalate", (string?)fallback["data"]!["upgradeBotAction"]);
        Assert.Equal((string?)execute["data"]!["question"], (string?)fallback["data"]!["question"]);
    }

    [Fact]
    public async Task Not_upgrade_related_answer_offers_escalation()
    {
        var card = await AskAsync("the licensing graphs look wrong");
        CardOutput.Save("answer-not-upgrade-related", card);
        Assert.Equal("not-upgrade-related", (string?)EscalateAction(card)["data"]!["verdict"]);
    }

    [Fact]
    public async Task Escalate_twice_returns_the_same_reference_in_an_updated_card_without_button()
    {
        var data = EscalateAction(await AskAsync("the licensing graphs look wrong"))["data"]!;

        var first = await InvokeAsync(Payloads.Execute("escalate", data.DeepClone()));
        var second = await InvokeAsync(Payloads.Execute("escalate", data.DeepClone()));

        var firstReference = Reference(first);
        Assert.StartsWith("UPG-", firstReference);
        Assert.Equal(firstReference, Reference(second));
        Assert.False(HasButtons(first));
        CardOutput.Save("escalated", first);
        CardOutput.Save("escalated-again", second);
    }

    [Fact]
    public async Task Submit_fallback_escalates_and_updates_the_original_message()
    {
        var card = await AskAsync("the licensing graphs look wrong");
        const string cardMessageId = "msg-1";
        var submitData = EscalateAction(card)["fallback"]!["data"]!;

        var response = await Bot.PostAsync(Payloads.Submit(submitData.DeepClone(), cardMessageId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var update = Connector.Calls.Last();
        Assert.Equal("PUT", update.Method);
        Assert.Equal(cardMessageId, update.ActivityId);
        Assert.Contains("Escalated as UPG-", update.Card!.ToJsonString());
        Assert.False(HasButtons(update.Card!));
        CardOutput.Save("escalated-by-submit", update.Card);
    }

    [Fact]
    public async Task Escalations_over_the_daily_limit_get_a_card_saying_why()
    {
        foreach (var question in new[] { "the licensing graphs look wrong", "I want to talk to Customer Champions" })
        {
            await InvokeAsync(Payloads.Execute("escalate", EscalateAction(await AskAsync(question))["data"]!.DeepClone()));
        }

        var data = EscalateAction(await AskAsync("the usage graph on the dashboard is still wrong"))["data"]!;
        var refused = await InvokeAsync(Payloads.Execute("escalate", data.DeepClone()));

        Assert.DoesNotContain("Escalated as", refused.ToJsonString());
        Assert.Contains("limit", refused.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        CardOutput.Save("escalation-over-limit", refused);
    }

    [Fact]
    public async Task Oversized_button_data_is_refused_with_a_card_and_nothing_is_escalated()
    {
        var data = EscalateAction(await AskAsync("the licensing graphs look wrong"))["data"]!.DeepClone();
        data["question"] = new string('x', 3_000);

        var refused = await InvokeAsync(Payloads.Execute("escalate", data));

        Assert.Contains("could not escalate this: the question must be", refused.ToJsonString());
        Assert.DoesNotContain("Escalated as", refused.ToJsonString());
        CardOutput.Save("escalation-refused", refused);
    }

    [Fact]
    public async Task Tampered_context_is_rejected_by_the_escalation_service()
    {
        var data = EscalateAction(await AskAsync("the licensing graphs look wrong"))["data"]!.DeepClone();
        data["topic"] = "no-such-topic";

        var refused = await InvokeAsync(Payloads.Execute("escalate", data));

        Assert.DoesNotContain("Escalated as", refused.ToJsonString());
    }

    [Fact]
    public async Task Unknown_verb_gets_a_card_not_an_error()
    {
        var card = await InvokeAsync(Payloads.Execute("refresh", new JsonObject()));
        Assert.Contains("not one of mine", card.ToJsonString());
    }

    private async Task<JsonObject> AskAsync(string question)
    {
        var before = Connector.Calls.Count;
        var response = await Bot.PostAsync(Payloads.Personal(question));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Connector.Calls.Skip(before).Single().Card!;
    }

    private async Task<JsonObject> InvokeAsync(JsonObject invoke)
    {
        var response = await Bot.PostAsync(invoke);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, (int?)body["statusCode"]);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)body["type"]);
        return (JsonObject)body["value"]!;
    }

    /// <summary>The answer's buttons are gone; its refresh (an Action.Execute too) is not a button.</summary>
    private static bool HasButtons(JsonObject card) =>
        card["actions"]?.AsArray().Any(a => (string?)a!["type"] == "Action.Execute") == true;

    private static JsonNode EscalateAction(JsonObject card) =>
        card["actions"]!.AsArray().Single(a => (string?)a!["type"] == "Action.Execute")!;

    private static string Reference(JsonObject card) =>
        System.Text.RegularExpressions.Regex.Match(card.ToJsonString(), "UPG-[0-9]{8}-[0-9]+").Value;
}
