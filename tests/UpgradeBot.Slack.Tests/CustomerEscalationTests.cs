using System.Net.Http.Json;
using System.Text.Json;
using UpgradeBot.Testing;

namespace UpgradeBot.Slack.Tests;

/// <summary>What a workspace's admin sets up travels with its escalations: to the Champions webhook, the Champions post and the admin API.</summary>
public sealed class CustomerEscalationTests : IAsyncLifetime
{
    private const string AdminKey = "admin-key-for-customer-tests";
    private const string ChampionsChannel = "C0CHAMPS2";

    private WebhookReceiver _webhook = null!;
    private SlackBot _bot = null!;

    public async ValueTask InitializeAsync()
    {
        _webhook = await WebhookReceiver.StartAsync();
        _bot = await SlackBot.StartAsync(new Dictionary<string, string?>
        {
            ["Escalation:Webhook:Url"] = _webhook.Url,
            ["Escalation:Webhook:Secret"] = "customer-tests-webhook-secret",
            ["Escalation:Slack:ChannelId"] = ChampionsChannel,
            ["Admin:ApiKeys:0"] = AdminKey,
        });
        _bot.Slack.Admins["U0USER01"] = true;
    }

    public async ValueTask DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _webhook.DisposeAsync();
    }

    [Fact]
    public async Task The_champions_webhook_and_post_carry_the_customer_account_and_support_contact()
    {
        await _bot.InteractionAsync(SlackPayloads.SettingsSubmission("trigger-save", "HybridCloud", "acme-01", "backup-admins@acme.example"));
        await _bot.EventAsync(SlackPayloads.Mention("EvQuestion", "C0ASK0001", "the licensing graphs look wrong"));
        await _bot.ProcessedAsync("EvQuestion");
        var answer = Assert.Single(_bot.Slack.Posts(), p => p.Channel == "C0ASK0001");
        var value = answer.Blocks.EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "actions")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray())
            .Single(e => e.GetProperty("action_id").GetString() == "escalate")
            .GetProperty("value").GetString()!;

        await _bot.InteractionAsync(SlackPayloads.Click("trigger-escalate", _bot.Slack.ResponseUrl("escalate"), value, channel: "C0ASK0001"));

        var delivery = await Eventually.Until(() => Task.FromResult(_webhook.Received.FirstOrDefault()), d => d is not null, what: "the webhook delivery");
        var payload = JsonDocument.Parse(delivery!.Body).RootElement;
        Assert.Equal("acme-01", payload.GetProperty("customer").GetProperty("accountId").GetString());
        Assert.Equal("backup-admins@acme.example", payload.GetProperty("customer").GetProperty("supportContact").GetString());

        var post = await Eventually.Until(() => Task.FromResult(_bot.Slack.Posts().FirstOrDefault(p => p.Channel == ChampionsChannel)), p => p is not null, what: "the Champions post");
        Assert.Contains("acme-01", post!.Blocks.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("backup-admins@acme.example", post.Blocks.GetRawText(), StringComparison.Ordinal);

        using var admin = _bot.Host.CreateAdminClient(AdminKey);
        var escalations = await admin.GetFromJsonAsync<JsonElement>("/api/admin/escalations", TestContext.Current.CancellationToken);
        Assert.Equal("acme-01", escalations.GetProperty("items")[0].GetProperty("customerAccount").GetString());
    }

    [Fact]
    public async Task The_admin_api_lists_each_customer_with_its_settings_who_changed_them_and_its_subscriptions()
    {
        await _bot.EventAsync(SlackPayloads.Membership("EvJoin", "member_joined_channel", "C0ANNOUNCE"));
        await _bot.ProcessedAsync("EvJoin");
        await _bot.InteractionAsync(SlackPayloads.SettingsSubmission("trigger-1", "HybridCloud", "acme-01", null));
        await _bot.InteractionAsync(SlackPayloads.SettingsSubmission("trigger-2", "PublicCloud", "acme-01", "backup-admins@acme.example"));
        using var admin = _bot.Host.CreateAdminClient(AdminKey);

        var list = await admin.GetFromJsonAsync<JsonElement>("/api/admin/customers", TestContext.Current.CancellationToken);
        var one = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/customers/slack/{FakeSlack.TeamId}", TestContext.Current.CancellationToken);

        Assert.Equal(1, list.GetProperty("total").GetInt32());
        var customer = list.GetProperty("items")[0];
        Assert.Equal(("slack", FakeSlack.TeamId), (customer.GetProperty("platform").GetString(), customer.GetProperty("id").GetString()));
        Assert.Equal(("PublicCloud", "customer"), (customer.GetProperty("deployment").GetString(), customer.GetProperty("deploymentSource").GetString()));
        Assert.Equal("backup-admins@acme.example", customer.GetProperty("supportContact").GetString());
        Assert.Equal("U0USER01", customer.GetProperty("updatedByUserId").GetString());
        Assert.Equal("C0ANNOUNCE", customer.GetProperty("subscriptions")[0].GetProperty("channelId").GetString());
        var changes = one.GetProperty("changes").EnumerateArray().ToList();
        Assert.Equal(["PublicCloud", "HybridCloud"], changes.Select(c => c.GetProperty("deployment").GetString()));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await admin.GetAsync("/api/admin/customers/slack/T0NOBODY", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await admin.GetAsync("/api/admin/customers?limit=0", TestContext.Current.CancellationToken)).StatusCode);
    }
}
