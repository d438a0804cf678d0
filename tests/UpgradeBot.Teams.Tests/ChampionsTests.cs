using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Teams.Tests.Support;
using UpgradeBot.Testing;

namespace UpgradeBot.Teams.Tests;

/// <summary>
/// Customer Champions closing the loop in Teams, through the real endpoint and the fake connector:
/// the post in their conversation with its buttons and note field, acknowledge and resolve as
/// <c>Action.Execute</c> invokes, the post updated in place, the requester told in their chat, and
/// their answer card refreshing to show where the escalation stands.
/// </summary>
public sealed partial class ChampionsTests() : TeamsHostTest(TeamsHost.LongAfterUpgrade)
{
    private const string Champions = "19:champions@thread.tacv2";
    private const string Requester = "a:personal-1";

    protected override IDictionary<string, string?> Settings(FakeConnector connector) => new Dictionary<string, string?>
    {
        ["Escalation:Teams:ConversationId"] = Champions,
        ["Escalation:Teams:ServiceUrl"] = connector.ServiceUrl,

        // The host's clock moves only while a test waits for a send (FirstAsync): a send that would
        // wait for its rate limit is handed back to its outbox instead of waiting on that clock.
        ["Teams:MaxSendWait"] = "00:00:00",
    };

    [Fact]
    public async Task Acknowledge_then_resolve_with_a_note_tells_the_requester_keeps_the_post_current_and_the_same_problem_then_opens_a_new_escalation()
    {
        var (reference, escalated) = await EscalateAsync("the licensing graphs look wrong");
        Assert.Equal(["29:user-1"], escalated["refresh"]!["userIds"]!.AsArray().Select(u => (string?)u));
        var post = await ChampionsPostAsync(reference);
        Assert.Equal(["escalationAcknowledge", "escalationResolve"], Verbs(post.Card!));
        Assert.Contains("\"Input.Text\"", post.Card!.ToJsonString(), StringComparison.Ordinal);
        CardOutput.Save("champions-open", post.Card);

        var acknowledged = await InvokeAsync(Payloads.ExecuteInChannel("escalationAcknowledge", Data(reference), Thread(post)));

        Assert.Contains("Acknowledged by Bea Champion", acknowledged.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(["escalationResolve"], Verbs(acknowledged));
        CardOutput.Save("champions-acknowledged", acknowledged);
        var updated = await UpdateOfAsync(post, "Acknowledged by Bea Champion");
        Assert.Equal(["escalationResolve"], Verbs(updated.Card!));
        var told = await RequesterToldAsync($"looking into {reference}");
        CardOutput.Save("escalation-progress", told.Card);

        var refreshed = await InvokeAsync(Payloads.Refresh("escalationRefresh", Data(reference)));
        Assert.Contains("Acknowledged by Bea Champion", refreshed.ToJsonString(), StringComparison.Ordinal);
        Assert.NotNull(refreshed["refresh"]);
        CardOutput.Save("escalated-refreshed", refreshed);

        var note = Data(reference);
        note["note"] = "Fixed on our side: the graphs refresh tonight.";
        var resolved = await InvokeAsync(Payloads.ExecuteInChannel("escalationResolve", note, Thread(post)));

        Assert.Contains("Resolved by Bea Champion", resolved.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(Verbs(resolved));
        Assert.DoesNotContain("\"Input.Text\"", resolved.ToJsonString(), StringComparison.Ordinal);
        CardOutput.Save("champions-resolved", resolved);
        Assert.Empty(Verbs((await UpdateOfAsync(post, "Resolved by Bea Champion")).Card!));
        var toldResolved = await RequesterToldAsync($"resolved {reference}");
        Assert.Contains("Fixed on our side: the graphs refresh tonight.", toldResolved.Card!.ToJsonString(), StringComparison.Ordinal);
        CardOutput.Save("escalation-progress-resolved", toldResolved.Card);

        var (again, _) = await EscalateAsync("the licensing graphs look wrong");

        Assert.NotEqual(reference, again);
        Assert.Equal(["escalationAcknowledge", "escalationResolve"], Verbs((await ChampionsPostAsync(again)).Card!));
    }

    [Fact]
    public async Task Two_champions_resolving_at_once_make_one_change_that_both_see()
    {
        var (reference, _) = await EscalateAsync("the licensing graphs look wrong");
        var post = await ChampionsPostAsync(reference);

        var cards = await Task.WhenAll(
            InvokeAsync(Payloads.ExecuteInChannel("escalationResolve", Data(reference), Thread(post), "29:champion-1", "Bea Champion", "aad-champion-1")),
            InvokeAsync(Payloads.ExecuteInChannel("escalationResolve", Data(reference), Thread(post), "29:champion-2", "Cy Champion", "aad-champion-2")));

        var winner = Assert.Single(new[] { "Bea Champion", "Cy Champion" }, name => cards[0].ToJsonString().Contains($"Resolved by {name}", StringComparison.Ordinal));
        Assert.Contains($"Resolved by {winner}", cards[1].ToJsonString(), StringComparison.Ordinal);
        var updates = await Bot.Service<IEscalationStore>().ListUpdatesAsync(reference);
        Assert.Single(updates, u => u.Destination == EscalationUpdate.Requester && u.Event == EscalationEvent.Resolved);
    }

    [Fact]
    public async Task A_click_from_outside_the_champions_conversation_is_refused_and_changes_nothing()
    {
        var (reference, _) = await EscalateAsync("the licensing graphs look wrong");

        var refused = await InvokeAsync(Payloads.Execute("escalationResolve", Data(reference)));

        Assert.Contains("Only Customer Champions can do that.", refused.ToJsonString(), StringComparison.Ordinal);
        CardOutput.Save("champions-refused", refused);
        Assert.Equal(EscalationState.Open, (await Bot.Service<IEscalationStore>().GetAsync(reference))!.State);
        Assert.Empty(await Bot.Service<IEscalationStore>().ListUpdatesAsync(reference));
    }

    [Fact]
    public async Task Someone_else_refreshing_the_answer_sees_no_more_than_the_reference()
    {
        var (reference, _) = await EscalateAsync("the licensing graphs look wrong");
        var post = await ChampionsPostAsync(reference);
        await InvokeAsync(Payloads.ExecuteInChannel("escalationAcknowledge", Data(reference), Thread(post)));

        var other = Payloads.Refresh("escalationRefresh", Data(reference));
        other["from"] = new JsonObject { ["id"] = "29:user-2", ["name"] = "Other Admin", ["aadObjectId"] = "aad-user-2" };
        var card = await InvokeAsync(other);

        Assert.Contains($"Escalated as {reference}", card.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Bea Champion", card.ToJsonString(), StringComparison.Ordinal);
    }

    /// <summary>A question in the requester's chat and a click on its escalate button: the reference, and the redrawn answer.</summary>
    private async Task<(string Reference, JsonObject Card)> EscalateAsync(string question)
    {
        var before = Connector.Calls.Count;
        Assert.Equal(HttpStatusCode.OK, (await Bot.PostAsync(Payloads.Personal(question))).StatusCode);
        var answer = Connector.Calls.Skip(before).Single(c => c.ConversationId == Requester && c.Card?["actions"] is not null && Verbs(c.Card).Contains("escalate")).Card!;
        var data = answer["actions"]!.AsArray().Single(a => (string?)a!["verb"] == "escalate")!["data"]!.DeepClone();

        var escalated = await InvokeAsync(Payloads.Execute("escalate", data));

        return (ReferencePattern().Match(escalated.ToJsonString()).Value, escalated);
    }

    private Task<ConnectorCall> ChampionsPostAsync(string reference) =>
        FirstAsync(c => c.Method == "POST" && c.ConversationId == Champions && c.Card?.ToJsonString().Contains(reference, StringComparison.Ordinal) == true, $"the Customer Champions post of {reference}");

    private Task<ConnectorCall> UpdateOfAsync(ConnectorCall post, string text) =>
        FirstAsync(c => c.Method == "PUT" && c.ConversationId == Champions && c.ActivityId == post.AnsweredId && c.Card?.ToJsonString().Contains(text, StringComparison.Ordinal) == true, $"the post updated with '{text}'");

    private Task<ConnectorCall> RequesterToldAsync(string headline) =>
        FirstAsync(c => c.Method == "POST" && c.ConversationId == Requester && c.Card?.ToJsonString().Contains(headline, StringComparison.Ordinal) == true, $"the requester told '{headline}'");

    /// <summary>Waits for a call, moving the host's clock on meanwhile: sends to one tenant are spaced by its rate.</summary>
    private async Task<ConnectorCall> FirstAsync(Func<ConnectorCall, bool> match, string what) =>
        (await Eventually.Until(
            () =>
            {
                Bot.Clock.Advance(TimeSpan.FromMilliseconds(50));
                return Task.FromResult(Connector.Calls.FirstOrDefault(match));
            },
            found => found is not null,
            what: what))!;

    private async Task<JsonObject> InvokeAsync(JsonObject invoke)
    {
        var response = await Bot.PostAsync(invoke);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)body["type"]);
        return (JsonObject)body["value"]!;
    }

    private static JsonObject Data(string reference) => new() { ["reference"] = reference };

    /// <summary>The channel thread a click on the post comes from: the post starts it.</summary>
    private static string Thread(ConnectorCall post) => $"{Champions};messageid={post.AnsweredId}";

    private static string[] Verbs(JsonObject card) =>
        [.. (card["actions"]?.AsArray() ?? []).Where(a => (string?)a!["type"] == "Action.Execute").Select(a => (string)a!["verb"]!)];

    [GeneratedRegex(@"UPG-\d{8}-\d{4}")]
    private static partial Regex ReferencePattern();
}
