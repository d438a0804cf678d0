using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Deployments;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Inbound;
using UpgradeBot.Core.Subscriptions;
using UpgradeBot.Slack.Installations;
using UpgradeBot.Testing;

namespace UpgradeBot.Tests.Retention;

/// <summary><c>/api/admin/customers/{platform}/{id}/data</c> on the real host: what is stored about a customer, and erasing it.</summary>
public sealed class CustomerDataApiTests : IDisposable
{
    private const string AdminKey = "admin-key-for-customer-data-tests";
    private const string BotToken = "xoxb-acme-token-that-must-never-show";
    private const string RefreshToken = "xoxe-1-acme-refresh-that-must-never-show";

    private static readonly DateTimeOffset At = new(2027, 5, 3, 9, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _temp = new();
    private readonly CapturedLogs _logs = new();

    public void Dispose() => _temp.Dispose();

    private BotHost Host() => new(_temp.File("bot.db"), new Dictionary<string, string?> { ["Admin:ApiKeys:0"] = AdminKey })
    {
        Overrides = services => services.AddSingleton<ILoggerProvider>(_logs),
    };

    private static string KeyId => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AdminKey)))[..8];

    /// <summary>A subscribed channel, a queued event, an announcement, an escalation, an installation and the settings of the workspace.</summary>
    private static async Task StoreWorkspaceAsync(BotHost host, string team)
    {
        var services = host.Services;
        var channel = new ConversationKey("slack", team, "C0GENERAL");
        await services.GetRequiredService<ISubscriptionStore>().SubscribeAsync(channel, $"{{\"teamId\":\"{team}\",\"channelId\":\"C0GENERAL\"}}", "general", At);
        await services.GetRequiredService<IInboundEventStore>().TryEnqueueAsync("slack", team, $"Ev{team}", $"{team}/C0GENERAL", $"{{\"text\":\"question from {team}\"}}", At);
        await services.GetRequiredService<IAnnouncementStore>().AddAsync(
            [new PlannedAnnouncement(new AnnouncementKey("2027-05", AnnouncementKind.Scheduled, 0, 1, channel), At, false)], At);
        await services.GetRequiredService<IEscalationStore>().AdmitAsync(
            new Asker("slack", team, "U0ADA", "Ada", "C0GENERAL"),
            new EscalationContext("usage-destination-graphs", "persisting-escalate", null, "the usage graph is empty", At),
            new CustomerProfile("acme-01", "backup-admins@acme.example"),
            ["webhook"],
            5,
            new DateTimeOffset(At.UtcDateTime.Date, TimeSpan.Zero),
            At,
            origin: null);
        await services.GetRequiredService<ISlackInstallationStore>().SaveAsync(new SlackInstallation(
            null, null, team, $"{team} workspace", false, new SlackToken(BotToken), "U0BOT", "B0BOT", "chat:write", "U0ADMIN", At, At,
            new SlackToken(RefreshToken), At.AddHours(12)));
        await services.GetRequiredService<ICustomerStore>().SaveAsync(
            new CustomerKey("slack", team), new CustomerChange(At, "U0ADA", "Ada", new CustomerSettings(DeploymentType.HybridCloud, "acme-01", "backup-admins@acme.example")));
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static Dictionary<string, int> RowCounts(JsonElement export) =>
        export.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("rows").GetArrayLength());

    [Fact]
    public async Task The_export_shows_what_is_stored_about_the_workspace_without_its_tokens()
    {
        await using var host = Host();
        var admin = host.CreateAdminClient(AdminKey);
        await StoreWorkspaceAsync(host, "T0ACME001");
        await StoreWorkspaceAsync(host, "T0BETA001");

        using var response = await admin.GetAsync("/api/admin/customers/slack/T0ACME001/data");

        var body = await response.Content.ReadAsStringAsync();
        var export = await JsonAsync(response);
        Assert.Equal("slack", export.GetProperty("platform").GetString());
        Assert.Equal("T0ACME001", export.GetProperty("id").GetString());
        Assert.Equal(
            new Dictionary<string, int>
            {
                ["inbound_events"] = 1, ["announcements"] = 1, ["escalation_attempts"] = 0, ["escalation_deliveries"] = 1,
                ["escalation_state_changes"] = 0, ["escalation_updates"] = 0, ["escalations"] = 1, ["customer_changes"] = 1,
                ["customer_installers"] = 0, ["customers"] = 1, ["subscriptions"] = 1, ["slack_installations"] = 1, ["customer_removals"] = 0,
            },
            RowCounts(export));
        var installation = export.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "slack_installations");
        Assert.Equal(["bot_token", "refresh_token"], installation.GetProperty("omitted").EnumerateArray().Select(c => c.GetString()));
        var row = installation.GetProperty("rows")[0];
        Assert.Equal("team:T0ACME001", row.GetProperty("installation_id").GetString());
        Assert.Equal(At, row.GetProperty("installed_at").GetDateTimeOffset());
        Assert.False(row.TryGetProperty("bot_token", out _));
        Assert.Contains("question from T0ACME001", body, StringComparison.Ordinal);
        Assert.DoesNotContain("T0BETA001", body, StringComparison.Ordinal);
        Assert.DoesNotContain("must-never-show", body, StringComparison.Ordinal);
        Assert.DoesNotContain("CfDJ8", body, StringComparison.Ordinal);
        Assert.Contains(_logs.Lines, l => l.Message == $"Exported the data of slack customer T0ACME001 for admin key {KeyId}");
    }

    [Fact]
    public async Task Erasing_deletes_everything_about_the_workspace_now_and_logs_who_asked()
    {
        await using var host = Host();
        var admin = host.CreateAdminClient(AdminKey);
        await StoreWorkspaceAsync(host, "T0ACME001");
        await StoreWorkspaceAsync(host, "T0BETA001");

        var erased = await JsonAsync(await admin.DeleteAsync("/api/admin/customers/slack/T0ACME001/data"));

        Assert.Equal(8, erased.GetProperty("total").GetInt32());
        Assert.Equal(1, erased.GetProperty("rows").GetProperty("slack_installations").GetInt32());
        Assert.All(RowCounts(await JsonAsync(await admin.GetAsync("/api/admin/customers/slack/T0ACME001/data"))).Values, count => Assert.Equal(0, count));
        Assert.Null(await host.Services.GetRequiredService<ISlackInstallationStore>().FindAsync("team:T0ACME001"));
        Assert.Equal(8, RowCounts(await JsonAsync(await admin.GetAsync("/api/admin/customers/slack/T0BETA001/data"))).Values.Sum());
        Assert.Contains(_logs.Lines, l => l.Level == LogLevel.Warning && l.Message == $"Erasing the data of slack customer T0ACME001, asked by admin key {KeyId}");
        Assert.Contains(_logs.Lines, l => l.Message == $"Erased the data of slack customer T0ACME001, asked by admin key {KeyId}: 8 rows");
        Assert.DoesNotContain(_logs.Lines, l => l.Message.Contains(AdminKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_teams_tenant_with_nothing_stored_has_every_table_empty_and_erasing_it_deletes_nothing()
    {
        await using var host = Host();
        var admin = host.CreateAdminClient(AdminKey);

        Assert.All(RowCounts(await JsonAsync(await admin.GetAsync("/api/admin/customers/Teams/7a1b2c3d-0000-4000-8000-000000000001/data"))).Values, c => Assert.Equal(0, c));
        Assert.Equal(0, (await JsonAsync(await admin.DeleteAsync("/api/admin/customers/teams/7a1b2c3d-0000-4000-8000-000000000001/data"))).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("GET", "/api/admin/customers/discord/T0ACME001/data", HttpStatusCode.NotFound, "Unknown platform")]
    [InlineData("DELETE", "/api/admin/customers/slack/T0ACME%20001/data", HttpStatusCode.BadRequest, "Not a customer id")]
    [InlineData("GET", "/api/admin/customers/slack/-T0/data", HttpStatusCode.BadRequest, "Not a customer id")]
    public async Task A_request_for_no_customer_is_refused_with_the_reason(string method, string path, HttpStatusCode status, string title)
    {
        await using var host = Host();

        using var response = await host.CreateAdminClient(AdminKey).SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(title, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Without_the_admin_key_nothing_is_shown_or_erased()
    {
        await using var host = Host();
        await StoreWorkspaceAsync(host, "T0ACME001");

        using var shown = await host.CreateAdminClient("not-the-key").GetAsync("/api/admin/customers/slack/T0ACME001/data");
        using var erased = await host.CreateClient().DeleteAsync("/api/admin/customers/slack/T0ACME001/data");

        Assert.Equal(HttpStatusCode.Unauthorized, shown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, erased.StatusCode);
        Assert.NotNull(await host.Services.GetRequiredService<ISlackInstallationStore>().FindAsync("team:T0ACME001"));
    }

    [Theory]
    [InlineData("--Retention:EventIds", "12:00:00", "Retention:EventIds must be at least Retention:ProcessedEvents")]
    [InlineData("--Retention:PruneInterval", "00:00:00", "Retention:PruneInterval must be positive")]
    [InlineData("--Retention:Escalations", "-1.00:00:00", "Retention:Escalations must be between 0 and 36500 days")]
    public async Task A_retention_setting_that_makes_no_sense_stops_the_start_naming_the_key(string key, string value, string message)
    {
        var result = await BotProcess.RunAsync("--urls", "http://127.0.0.1:0", key, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }
}
