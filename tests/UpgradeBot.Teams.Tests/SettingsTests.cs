using System.Net;
using System.Text.Json.Nodes;
using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Deployments;
using UpgradeBot.Teams.Tests.Support;
using UpgradeBot.Testing;

namespace UpgradeBot.Teams.Tests;

/// <summary>A tenant's settings through /api/messages: asked for in the welcome card, shown by "settings", sent back from the card.</summary>
public sealed class SettingsTests() : TeamsHostTest(TeamsHost.DuringUpgrade)
{
    private const string General = "19:general@thread.tacv2";
    private const string OfflineAlert = "We have a Destination is offline alert, is that the upgrade?";

    private static readonly JsonObject PublicCloud = new()
    {
        ["deployment"] = "PublicCloud",
        ["accountId"] = "acme-01",
        ["supportContact"] = "backup-admins@acme.example",
    };

    [Fact]
    public async Task Choosing_public_cloud_in_the_welcome_card_makes_the_offline_alert_not_the_upgrade_with_the_escalate_button()
    {
        var before = await AskAsync(OfflineAlert);
        Assert.Contains("that's expected", Headline(before), StringComparison.Ordinal);
        Assert.Null(Execute(before));

        await Bot.PostAsync(Payloads.BotAdded(General));
        var welcome = Assert.Single(Connector.CallsTo(General)).Card!;
        var save = Execute(welcome)!;
        Assert.Equal(CustomerSettingsFields.SubmitVerb, (string?)save["verb"]);
        Assert.Equal(["deployment", "accountId", "supportContact"], Inputs(welcome).Select(i => (string?)i["id"]));
        Assert.Equal("Unknown", (string?)Inputs(welcome)[0]["value"]);

        var saved = await InvokeAsync(Payloads.Execute(CustomerSettingsFields.SubmitVerb, Fill(save["data"]!, PublicCloud), General, "channel"));
        Assert.Contains("Saved.", saved.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("PublicCloud", (string?)Inputs(saved)[0]["value"]);
        Assert.Equal("acme-01", (string?)Inputs(saved)[1]["value"]);
        Assert.Contains("Last changed by Alex Admin", saved.ToJsonString(), StringComparison.Ordinal);

        var after = await AskAsync(OfflineAlert);
        Assert.Contains("On your deployment, upgrades don't cause this", Headline(after), StringComparison.Ordinal);
        Assert.Equal("not-upgrade-related", (string?)Execute(after)!["data"]!["verdict"]);
        Assert.Contains("set up as public cloud", after.ToJsonString(), StringComparison.Ordinal);

        // The installer was remembered at the install: the roster was never asked.
        Assert.DoesNotContain(Connector.Calls, c => c.Method == "GET");
        CardOutput.Save("welcome-settings", welcome);
        CardOutput.Save("settings-saved", saved);
        CardOutput.Save("answer-ruled-out-by-settings", after);
    }

    [Fact]
    public async Task A_team_member_who_is_not_an_owner_is_refused_in_the_card_and_nothing_changes()
    {
        await Bot.PostAsync(Payloads.BotAdded(General));
        var save = Execute(Assert.Single(Connector.CallsTo(General)).Card!)!;

        var refused = await InvokeAsync(Activities.From(
            Payloads.Execute(CustomerSettingsFields.SubmitVerb, Fill(save["data"]!, PublicCloud), General, "channel"), "29:user-2", "Bob Member"));

        var text = refused.ToJsonString();
        Assert.Contains("Nothing was saved. Team owners and whoever added UpgradeBot can change these settings", text, StringComparison.Ordinal);
        Assert.Null(Execute(refused));
        Assert.Empty(Inputs(refused));
        Assert.Contains("\"FactSet\"", text, StringComparison.Ordinal);
        Assert.Single(Connector.Calls, c => c.Method == "GET" && c.Path.EndsWith("/members/29:user-2", StringComparison.Ordinal));
        Assert.Null(await Bot.Service<ICustomerStore>().GetAsync(new CustomerKey("teams", Activities.TenantId), TestContext.Current.CancellationToken));
        CardOutput.Save("settings-refused", refused);
    }

    [Fact]
    public async Task A_team_owner_who_did_not_install_the_bot_may_change_the_settings()
    {
        await Bot.PostAsync(Payloads.BotAdded(General));
        Connector.Roles["29:owner-1"] = "owner";

        var saved = await InvokeAsync(Activities.From(
            Payloads.Execute(CustomerSettingsFields.SubmitVerb, PublicCloud.DeepClone(), General, "channel"), "29:owner-1", "Olga Owner"));

        Assert.Contains("Saved.", saved.ToJsonString(), StringComparison.Ordinal);
        var stored = await Bot.Service<ICustomerStore>().GetAsync(new CustomerKey("teams", Activities.TenantId), TestContext.Current.CancellationToken);
        Assert.Equal(new CustomerSettings(DeploymentType.PublicCloud, "acme-01", "backup-admins@acme.example"), stored!.Settings);
        Assert.Equal(("aad-29:owner-1", "Olga Owner"), (stored.LastChange.UserId, stored.LastChange.UserName));
    }

    [Fact]
    public async Task A_malformed_account_id_comes_back_with_a_message_beside_its_field()
    {
        var sent = PublicCloud.DeepClone().AsObject();
        sent["accountId"] = "acme 01!";

        var card = await InvokeAsync(Payloads.Execute(CustomerSettingsFields.SubmitVerb, sent));

        var body = card["body"]!.AsArray();
        var field = body.Select((e, i) => (e, i)).Single(x => (string?)x.e!["id"] == "accountId");
        Assert.Equal("acme 01!", (string?)field.e!["value"]);
        var beside = body[field.i + 1]!;
        Assert.Equal("Attention", (string?)beside["color"]);
        Assert.Contains("That is not an account id", (string?)beside["text"], StringComparison.Ordinal);
        Assert.NotNull(Execute(card));
        Assert.Null(await Bot.Service<ICustomerStore>().GetAsync(new CustomerKey("teams", Activities.TenantId), TestContext.Current.CancellationToken));
        CardOutput.Save("settings-invalid", card);
    }

    [Fact]
    public async Task Settings_shows_the_form_in_a_personal_chat_and_the_values_with_who_may_change_them_to_a_member()
    {
        var personal = await SayAsync(Payloads.Personal("settings"), "a:personal-1");
        var channel = await SayAsync(Activities.From(Payloads.Channel("settings", mention: true), "29:user-2", "Bob Member"), "19:channel-1@thread.tacv2;messageid=1700000000000");

        Assert.NotNull(Execute(personal));
        Assert.Equal(3, Inputs(personal).Count);
        Assert.Null(Execute(channel));
        Assert.Contains("Team owners and whoever added UpgradeBot can change these settings", channel.ToJsonString(), StringComparison.Ordinal);
        CardOutput.Save("command-settings", personal);
        CardOutput.Save("settings-read-only", channel);
    }

    [Fact]
    public async Task A_guest_in_a_personal_chat_may_not_change_the_settings()
    {
        Connector.Roles["29:guest-1"] = "guest";

        var refused = await InvokeAsync(Activities.From(Payloads.Execute(CustomerSettingsFields.SubmitVerb, PublicCloud.DeepClone()), "29:guest-1", "Gus Guest"));

        Assert.Contains("Nothing was saved.", refused.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_submit_fallback_of_old_clients_saves_and_redraws_the_card_in_place()
    {
        await Bot.PostAsync(Payloads.BotAdded(General));
        var fallback = Execute(Assert.Single(Connector.CallsTo(General)).Card!)!["fallback"]!;
        Assert.Equal("Action.Submit", (string?)fallback["type"]);
        var submit = Payloads.Submit(Fill(fallback["data"]!, PublicCloud), "msg-1", General);
        submit["conversation"]!["conversationType"] = "channel";

        var response = await Bot.PostAsync(submit);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var update = Connector.CallsTo(General).Last();
        Assert.Equal(("PUT", "msg-1"), (update.Method, update.ActivityId));
        Assert.Contains("Saved.", update.Card!.ToJsonString(), StringComparison.Ordinal);
    }

    /// <summary>What a client sends for a click: the action's data with each input's value under its id.</summary>
    private static JsonObject Fill(JsonNode data, JsonObject values)
    {
        var sent = data.DeepClone().AsObject();
        foreach (var (key, value) in values)
        {
            sent[key] = value?.DeepClone();
        }

        return sent;
    }

    private async Task<JsonObject> AskAsync(string question) => await SayAsync(Payloads.Personal(question), "a:personal-1");

    private async Task<JsonObject> SayAsync(JsonObject message, string conversationId)
    {
        var before = Connector.CallsTo(conversationId).Count(c => c.Method == "POST");
        var response = await Bot.PostAsync(message);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Connector.CallsTo(conversationId).Where(c => c.Method == "POST").Skip(before).Single().Card!;
    }

    private async Task<JsonObject> InvokeAsync(JsonObject invoke)
    {
        var response = await Bot.PostAsync(invoke);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, (int?)body["statusCode"]);
        return (JsonObject)body["value"]!;
    }

    private static string Headline(JsonObject card) => (string?)card["body"]![0]!["text"] ?? string.Empty;

    private static JsonNode? Execute(JsonObject card) =>
        card["actions"]?.AsArray().SingleOrDefault(a => (string?)a!["type"] == "Action.Execute");

    private static List<JsonNode> Inputs(JsonObject card) =>
        [.. card["body"]!.AsArray().Where(e => ((string?)e!["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true).Select(e => e!)];
}
