using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Testing;

namespace UpgradeBot.Slack.Tests;

/// <summary>
/// Customer Champions closing the loop in Slack, through the real endpoints and the fake Slack: the
/// post in their channel with its buttons, acknowledge, resolve through the form with a note, the
/// requester told in the thread of their answer, the post updated in place, and what happens after.
/// </summary>
public sealed class ChampionsTests : IAsyncLifetime
{
    private const string Champions = "C0CHAMPS1";
    private const string Admins = "C0ADMINS1";
    private const string MentionTs = "1700000100.000200";

    private SlackBot _bot = null!;

    public async ValueTask InitializeAsync() => _bot = await SlackBot.StartAsync(new Dictionary<string, string?>
    {
        ["Escalation:Slack:ChannelId"] = Champions,
    });

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    private FakeSlack Slack => _bot.Slack;

    private IEscalationStore Store => _bot.Host.Services.GetRequiredService<IEscalationStore>();

    [Fact]
    public async Task Acknowledge_then_resolve_with_a_note_tells_the_requester_keeps_the_post_current_and_the_same_problem_then_opens_a_new_escalation()
    {
        var reference = await EscalateAsync("the usage graph on the dashboard is still wrong");
        var post = await ChampionsPostAsync(reference);
        Assert.Equal(["escalation_acknowledge", "escalation_resolve"], Buttons(post));
        Assert.All(ButtonValues(post), value => Assert.Equal(reference, value));
        var postTs = await Slack.TsAsync(post);

        await _bot.InteractionAsync(SlackPayloads.ChampionClick("trigger-ack", Slack.ResponseUrl("ack"), "escalation_acknowledge", reference, Champions, postTs));

        var acknowledged = await ResponseAsync("ack");
        Assert.Equal("ephemeral", acknowledged.Body.GetProperty("response_type").GetString());
        Assert.Contains($"You acknowledged {reference}.", acknowledged.Text, StringComparison.Ordinal);
        var updated = await UpdateOfAsync(postTs, "Acknowledged by bea");
        Assert.Equal(["escalation_resolve"], Buttons(updated));
        var told = await ThreadReplyAsync($"looking into {reference}");
        Assert.Contains("acknowledged by bea", told.Text, StringComparison.Ordinal);

        var click = await _bot.InteractionAsync(SlackPayloads.ChampionClick("trigger-resolve", Slack.ResponseUrl("resolve"), "escalation_resolve", reference, Champions, postTs));

        // The form was opened before the click was acknowledged: the trigger id lives 3 seconds.
        Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        var form = Assert.Single(Slack.Posts("views.open"));
        Assert.Equal("trigger-resolve", form.Body.GetProperty("trigger_id").GetString());
        var view = form.Body.GetProperty("view");
        Assert.Equal("escalation_resolve", view.GetProperty("callback_id").GetString());

        var submitted = await SubmitAsync(view, "Fixed on our side: the graphs refresh tonight.");

        Assert.Equal(string.Empty, submitted);
        var resolved = await UpdateOfAsync(postTs, "Resolved by bea");
        Assert.Empty(Buttons(resolved));
        Assert.Contains("Fixed on our side", resolved.Blocks.GetRawText(), StringComparison.Ordinal);
        var toldResolved = await ThreadReplyAsync($"resolved {reference}");
        Assert.Contains("Fixed on our side: the graphs refresh tonight.", toldResolved.Blocks.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(EscalationState.Resolved, (await Store.GetAsync(reference))!.State);

        var again = await EscalateAsync("the usage graph on the dashboard is still wrong", trigger: "trigger-again");

        Assert.NotEqual(reference, again);
        Assert.Equal(["escalation_acknowledge", "escalation_resolve"], Buttons(await ChampionsPostAsync(again)));
    }

    [Fact]
    public async Task Two_champions_resolving_at_once_make_one_change_and_the_later_one_is_shown_who_did_it()
    {
        var reference = await EscalateAsync("the usage graph on the dashboard is still wrong");
        var postTs = await Slack.TsAsync(await ChampionsPostAsync(reference));
        await _bot.InteractionAsync(SlackPayloads.ChampionClick("trigger-form", Slack.ResponseUrl("form"), "escalation_resolve", reference, Champions, postTs));
        var view = Assert.Single(Slack.Posts("views.open")).Body.GetProperty("view");

        var answers = await Task.WhenAll(
            SubmitAsync(view, "first note", user: "U0CHAMP1", name: "bea"),
            SubmitAsync(view, "second note", user: "U0CHAMP2", name: "cy"));

        Assert.Single(answers, a => a.Length == 0);
        var later = JsonDocument.Parse(Assert.Single(answers, a => a.Length > 0)).RootElement;
        Assert.Equal("update", later.GetProperty("response_action").GetString());
        Assert.Contains($"{reference} is already resolved", later.GetProperty("view").GetRawText(), StringComparison.Ordinal);
        PayloadFiles.Save("view_submission", later);
        var escalation = (await Store.GetAsync(reference))!;
        Assert.Contains(escalation.Resolved!.By.Name, new[] { "bea", "cy" });
        Assert.Single(await Store.ListUpdatesAsync(reference), u => u.Destination == EscalationUpdate.Requester);
    }

    [Fact]
    public async Task A_click_from_outside_the_champions_channel_is_refused_and_changes_nothing()
    {
        var reference = await EscalateAsync("the usage graph on the dashboard is still wrong");
        var postTs = await Slack.TsAsync(await ChampionsPostAsync(reference));

        await _bot.InteractionAsync(SlackPayloads.ChampionClick("trigger-out-ack", Slack.ResponseUrl("out-ack"), "escalation_acknowledge", reference, Admins, postTs));
        await _bot.InteractionAsync(SlackPayloads.ChampionClick("trigger-out-resolve", Slack.ResponseUrl("out-resolve"), "escalation_resolve", reference, Admins, postTs));

        foreach (var refused in new[] { await ResponseAsync("out-ack"), await ResponseAsync("out-resolve") })
        {
            Assert.Equal("ephemeral", refused.Body.GetProperty("response_type").GetString());
            Assert.Contains("Only Customer Champions can do that.", refused.Text, StringComparison.Ordinal);
        }

        Assert.Empty(Slack.Posts("views.open"));
        Assert.Empty(Slack.Posts("chat.update"));
        Assert.Equal(EscalationState.Open, (await Store.GetAsync(reference))!.State);
        Assert.Empty(await Store.ListUpdatesAsync(reference));
    }

    private Task<string> EscalateAsync(string question, string trigger = "trigger-escalate") => _bot.EscalateAsync(Admins, question, MentionTs, trigger);

    private Task<FakeSlack.Call> ChampionsPostAsync(string reference) =>
        Slack.FirstAsync(c => c.Method == "chat.postMessage" && c.Channel == Champions && c.Text?.Contains(reference, StringComparison.Ordinal) == true, $"the Customer Champions post of {reference}");

    private Task<FakeSlack.Call> UpdateOfAsync(string ts, string text) =>
        Slack.FirstAsync(c => c.Method == "chat.update" && c.Channel == Champions && c.Body.GetProperty("ts").GetString() == ts && c.Blocks.GetRawText().Contains(text, StringComparison.Ordinal), $"the post updated with '{text}'");

    private Task<FakeSlack.Call> ThreadReplyAsync(string headline) =>
        Slack.FirstAsync(c => c.Method == "chat.postMessage" && c.Channel == Admins && c.ThreadTs == MentionTs && c.Text?.Contains(headline, StringComparison.Ordinal) == true, $"the requester told '{headline}'");

    private Task<FakeSlack.Call> ResponseAsync(string id) => Slack.FirstAsync(c => c.Method == $"response:{id}", $"the answer through response_url {id}");

    /// <summary>Submits the form; the answer's body (empty when the form just closes).</summary>
    private async Task<string> SubmitAsync(JsonElement view, string? note, string user = "U0CHAMP1", string name = "bea")
    {
        var response = await _bot.InteractionAsync(SlackPayloads.ResolveSubmission(view, note, user, name));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static string[] Buttons(FakeSlack.Call post) =>
        [.. ActionElements(post).Select(e => e.GetProperty("action_id").GetString()!)];

    private static string[] ButtonValues(FakeSlack.Call post) =>
        [.. ActionElements(post).Select(e => e.GetProperty("value").GetString()!)];

    private static IEnumerable<JsonElement> ActionElements(FakeSlack.Call post) =>
        post.Blocks.EnumerateArray().Where(b => b.GetProperty("type").GetString() == "actions").SelectMany(b => b.GetProperty("elements").EnumerateArray());
}
