using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Deployments;
using UpgradeBot.Testing;

namespace UpgradeBot.Slack.Tests;

/// <summary>A workspace's settings through the real endpoints: the App Home, the settings modal and its submission, /upgrade settings.</summary>
public sealed class SettingsTests : IAsyncLifetime
{
    private const string Admin = "U0USER01";
    private const string Member = "U0MEMBER1";

    private static readonly CustomerKey Workspace = new("slack", FakeSlack.TeamId);

    private SlackBot _bot = null!;

    public async ValueTask InitializeAsync()
    {
        _bot = await SlackBot.StartAsync(new Dictionary<string, string?>
        {
            ["Upgrades:0:Id"] = "2026-q4",
            ["Upgrades:0:Title"] = "Public cloud upgrade Q4",
            ["Upgrades:0:StatusUrl"] = "https://status.example.com/q4",
            ["Upgrades:0:Phases:0:Name"] = "Phase 1",
            ["Upgrades:0:Phases:0:Start"] = DateTimeOffset.UtcNow.AddHours(-2).ToString("O"),
            ["Upgrades:0:Phases:0:End"] = DateTimeOffset.UtcNow.AddDays(1).ToString("O"),
            ["Calendar:Feed:PublicUrl"] = "https://upgradebot.example.com/api/calendar/upgrades.ics",
        });
        _bot.Slack.Admins[Admin] = true;
    }

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    [Fact]
    public async Task Opening_the_home_tab_publishes_the_upgrade_what_to_expect_the_channels_and_the_settings()
    {
        await _bot.EventAsync(SlackPayloads.Membership("EvJoin1", "member_joined_channel", "C0ANNOUNCE"));
        await _bot.ProcessedAsync("EvJoin1");

        await _bot.EventAsync(SlackPayloads.HomeOpened("EvHome1", Admin));
        await _bot.ProcessedAsync("EvHome1");

        var publish = Assert.Single(_bot.Slack.Posts("views.publish"));
        Assert.Equal(Admin, publish.Body.GetProperty("user_id").GetString());
        var view = publish.Body.GetProperty("view");
        Assert.Equal("home", view.GetProperty("type").GetString());
        var text = view.GetRawText();
        Assert.Contains("Public cloud upgrade Q4 is in progress", text, StringComparison.Ordinal);
        Assert.Contains("<!date^", text, StringComparison.Ordinal);
        Assert.Contains("What to expect now", text, StringComparison.Ordinal);
        Assert.Contains("(hybrid cloud deployments only)", text, StringComparison.Ordinal);
        Assert.Contains("<#C0ANNOUNCE>", text, StringComparison.Ordinal);
        Assert.Contains("Add to calendar", text, StringComparison.Ordinal);
        Assert.Contains("Workspace admins and owners, and whoever installed UpgradeBot, can change these settings.", text, StringComparison.Ordinal);
        Assert.Equal(["customer_settings", "ask_question"], ButtonIds(view));
        Assert.Contains("https://slack.com/app_redirect?app=A0TEST01&team=T0TEST01", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_sees_the_settings_on_the_home_tab_without_a_button_to_change_them()
    {
        await _bot.EventAsync(SlackPayloads.HomeOpened("EvHome2", Member));
        await _bot.ProcessedAsync("EvHome2");

        var view = Assert.Single(_bot.Slack.Posts("views.publish")).Body.GetProperty("view");
        Assert.Equal(["ask_question"], ButtonIds(view));
        Assert.Contains("No channel gets them yet", view.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_messages_tab_publishes_nothing()
    {
        await _bot.EventAsync(SlackPayloads.HomeOpened("EvHome3", Admin, tab: "messages"));
        await _bot.ProcessedAsync("EvHome3");

        Assert.Empty(_bot.Slack.Posts("views.publish"));
    }

    [Fact]
    public async Task The_settings_modal_rejects_a_malformed_account_id_beside_the_field_and_saves_a_good_one()
    {
        var click = await _bot.InteractionAsync(SlackPayloads.SettingsClick("trigger-open-1", Admin));

        // The modal is opened before the click is acknowledged: the trigger id lasts 3 seconds.
        Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        var open = Assert.Single(_bot.Slack.Posts("views.open"));
        Assert.Equal("trigger-open-1", open.Body.GetProperty("trigger_id").GetString());
        var modal = open.Body.GetProperty("view");
        Assert.Equal(("modal", "customerSettings"), (modal.GetProperty("type").GetString(), modal.GetProperty("callback_id").GetString()));
        Assert.Equal(["deployment", "accountId", "supportContact"], InputBlocks(modal));

        var rejected = await SubmitAsync(SlackPayloads.SettingsSubmission("trigger-save-1", "PublicCloud", "acme 01!", "backup-admins@acme.example", Admin));
        Assert.Equal("errors", rejected.GetProperty("response_action").GetString());
        var errors = rejected.GetProperty("errors");
        Assert.Equal(["accountId"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Contains("That is not an account id", errors.GetProperty("accountId").GetString(), StringComparison.Ordinal);
        Assert.Null(await StoredAsync());

        var saved = await SubmitAsync(SlackPayloads.SettingsSubmission("trigger-save-2", "PublicCloud", "acme-01", "backup-admins@acme.example", Admin));
        Assert.Equal("update", saved.GetProperty("response_action").GetString());
        var confirmation = saved.GetProperty("view");
        Assert.Contains("Saved.", confirmation.GetRawText(), StringComparison.Ordinal);
        Assert.Empty(InputBlocks(confirmation));
        PayloadFiles.SaveView("view_submission", confirmation);

        var stored = await StoredAsync();
        Assert.Equal(new CustomerSettings(DeploymentType.PublicCloud, "acme-01", "backup-admins@acme.example"), stored!.Settings);
        Assert.Equal(Admin, stored.LastChange.UserId);

        // The Home tab the modal was opened from shows the new settings.
        var home = await Eventually.Until(
            () => Task.FromResult(_bot.Slack.Posts("views.publish").LastOrDefault()), p => p is not null, what: "the home tab published again");
        Assert.Contains("acme-01", home!.Body.GetProperty("view").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_gets_the_settings_read_only_and_a_forged_submission_is_refused()
    {
        await _bot.InteractionAsync(SlackPayloads.SettingsClick("trigger-open-2", Member));

        var modal = Assert.Single(_bot.Slack.Posts("views.open")).Body.GetProperty("view");
        Assert.Empty(InputBlocks(modal));
        Assert.False(modal.TryGetProperty("submit", out _));

        var refused = await SubmitAsync(SlackPayloads.SettingsSubmission("trigger-save-3", "HybridCloud", "acme-01", null, Member));

        Assert.Equal("update", refused.GetProperty("response_action").GetString());
        Assert.Contains("Nothing was saved. Workspace admins and owners", refused.GetProperty("view").GetRawText(), StringComparison.Ordinal);
        Assert.Null(await StoredAsync());
    }

    [Fact]
    public async Task The_installer_may_change_the_settings_without_being_an_admin()
    {
        var workspace = await _bot.InstallNewAsync("T0INSTALL", "Installed workspace");
        var from = SlackPayloads.Origin.Of(workspace);

        var saved = await SubmitAsync(SlackPayloads.SettingsSubmission("trigger-save-4", "HybridCloud", "acme-02", null, FakeSlackOAuth.InstallerUserId, from));

        Assert.Contains("Saved.", saved.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(DeploymentType.HybridCloud, (await StoredAsync(new CustomerKey("slack", "T0INSTALL")))!.Settings.Deployment);
        Assert.DoesNotContain(_bot.Slack.Calls, c => c.Method == "users.info");
    }

    [Fact]
    public async Task The_settings_command_opens_the_modal_with_nothing_said_in_the_channel()
    {
        var response = await _bot.CommandAsync("settings", user: Admin);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        var modal = Assert.Single(_bot.Slack.Posts("views.open")).Body.GetProperty("view");
        Assert.Equal(["deployment", "accountId", "supportContact"], InputBlocks(modal));
    }

    [Fact]
    public async Task When_slack_will_not_open_the_modal_the_command_shows_the_settings_to_the_asker()
    {
        _bot.Slack.TriggersExpired = true;

        var response = await _bot.CommandAsync("settings", user: Admin);

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ephemeral", body.GetProperty("response_type").GetString());
        Assert.Contains("Your organization's settings", body.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(["customer_settings"], ButtonIds(body));
        PayloadFiles.Save("command", body);
    }

    [Fact]
    public async Task Settings_in_a_mention_answers_with_the_settings_and_the_button_for_an_admin()
    {
        await _bot.EventAsync(SlackPayloads.Mention("EvSettings1", "C0SETTINGS", "settings"));
        await _bot.ProcessedAsync("EvSettings1");

        var answer = Assert.Single(_bot.Slack.Posts(), p => p.Channel == "C0SETTINGS");
        Assert.Contains("Not sure", answer.Blocks.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(["customer_settings"], ButtonIds(answer.Body));
    }

    private async Task<JsonElement> SubmitAsync(object submission)
    {
        var response = await _bot.InteractionAsync(submission);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private Task<CustomerRecord?> StoredAsync(CustomerKey? key = null) =>
        _bot.Host.Services.GetRequiredService<ICustomerStore>().GetAsync(key ?? Workspace, TestContext.Current.CancellationToken);

    private static string[] ButtonIds(JsonElement view) =>
        [.. view.GetProperty("blocks").EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "actions")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray())
            .Select(e => e.GetProperty("action_id").GetString()!)];

    private static string[] InputBlocks(JsonElement view) =>
        [.. view.GetProperty("blocks").EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "input")
            .Select(b => b.GetProperty("block_id").GetString()!)];
}
