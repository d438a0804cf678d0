using System.Text;
using System.Text.Json;
using UpgradeBot.Testing;

namespace UpgradeBot.Tests;

/// <summary>
/// The help desk as one more Customer Champions destination: a Zendesk-shaped fake on 127.0.0.1
/// that fails the first ticket call with 503 and answers the second too late, while the bot runs
/// through its real Slack endpoints with a Customer Champions channel.
/// </summary>
public sealed class HelpDeskTests : IAsyncLifetime
{
    private const string Champions = "C0CHAMPS1";
    private const string Admins = "C0ADMINS1";
    private const string MentionTs = "1700000100.000200";
    private const string AdminKey = "admin-key-for-help-desk-tests";

    private FakeHelpDesk _desk = null!;
    private SlackBot _bot = null!;

    public async ValueTask InitializeAsync()
    {
        _desk = await FakeHelpDesk.StartAsync();
        _bot = await SlackBot.StartAsync(new Dictionary<string, string?>
        {
            ["Escalation:Slack:ChannelId"] = Champions,
            ["Escalation:Zendesk:Url"] = _desk.Url,
            ["Escalation:Zendesk:Email"] = FakeHelpDesk.Email,
            ["Escalation:Zendesk:ApiToken"] = FakeHelpDesk.ApiToken,
            ["Escalation:Zendesk:Timeout"] = "00:00:00.500",
            ["Escalation:Delivery:FirstRetryDelay"] = "00:00:00.050",
            ["Escalation:Delivery:MaxRetryDelay"] = "00:00:00.200",
            ["Admin:ApiKeys:0"] = AdminKey,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _desk.DisposeAsync();
    }

    [Fact]
    public async Task A_ticket_refused_once_and_answered_too_late_once_is_opened_once_and_shown_to_champions_and_the_requester()
    {
        _desk.Faults.Enqueue(FakeHelpDesk.Fault.Unavailable);
        _desk.Faults.Enqueue(FakeHelpDesk.Fault.AnswerTooLate);

        var reference = await _bot.EscalateAsync(Admins, "the usage graph on the dashboard is still wrong", MentionTs, "trigger-ticket");

        var told = await _bot.Slack.FirstAsync(
            c => c.Method == "chat.postMessage" && c.Channel == Admins && c.ThreadTs == MentionTs && c.Text?.Contains($"opened ticket", StringComparison.Ordinal) == true,
            "the requester told of the ticket");
        var (id, ticket) = Assert.Single(_desk.Tickets);
        Assert.Contains($"ticket {id} for {reference}", told.Text, StringComparison.Ordinal);
        Assert.Equal(reference, (string?)ticket["external_id"]);
        Assert.Equal(["upgradebot", "usage-destination-graphs"], ticket["tags"]!.AsArray().Select(t => (string?)t));
        // No support contact is known for this workspace yet: the ticket is in the name of the person who escalated.
        Assert.Equal("ada", (string?)ticket["requester"]!["name"]);
        Assert.Null(ticket["requester"]!["email"]);
        Assert.Contains("the usage graph on the dashboard is still wrong", (string?)ticket["comment"]!["body"], StringComparison.Ordinal);
        Assert.Equal(3, _desk.Calls.Count);
        Assert.All(_desk.Calls, c => Assert.Equal(reference, c.IdempotencyKey));
        Assert.True(_desk.Calls.Last().IdempotencyHit);

        var post = await _bot.Slack.FirstAsync(c => c.Method == "chat.postMessage" && c.Channel == Champions && c.Text?.Contains(reference, StringComparison.Ordinal) == true, "the Customer Champions post");
        var postTs = await _bot.Slack.TsAsync(post);
        await _bot.Slack.FirstAsync(
            c => c.Method == "chat.update" && c.Channel == Champions && c.Body.GetProperty("ts").GetString() == postTs && c.Blocks.GetRawText().Contains($"*Ticket*\\n{id}", StringComparison.Ordinal),
            "the post updated with the ticket");

        var admin = _bot.Host.CreateAdminClient(AdminKey);
        var detail = await Eventually.Until(
            async () => JsonDocument.Parse(await admin.GetStringAsync($"/api/admin/escalations/{reference}")).RootElement,
            e => e.GetProperty("status").GetString() == "delivered",
            what: $"{reference} delivered everywhere");
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), detail.GetProperty("ticketId").GetString());
        var attempts = detail.GetProperty("attempts").EnumerateArray().Where(a => a.GetProperty("destination").GetString() == "zendesk").ToList();
        Assert.Equal([false, false, true], attempts.Select(a => a.GetProperty("succeeded").GetBoolean()));
        Assert.Contains("503", attempts[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("did not answer within 0.5 s", attempts[1].GetProperty("error").GetString(), StringComparison.Ordinal);

        // The API token is a secret: not in what the admin API shows, not in the logs, not in the database.
        Assert.DoesNotContain(FakeHelpDesk.ApiToken, detail.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(_bot.Logs.Lines, l => l.Message.Contains(FakeHelpDesk.ApiToken, StringComparison.Ordinal));
        Assert.DoesNotContain(FakeHelpDesk.ApiToken, await DatabaseTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_help_desk_that_refuses_the_ticket_for_good_is_given_up_at_once_and_shown_as_failed()
    {
        await using var wrongToken = await SlackBot.StartAsync(new Dictionary<string, string?>
        {
            ["Escalation:Zendesk:Url"] = _desk.Url,
            ["Escalation:Zendesk:Email"] = FakeHelpDesk.Email,
            ["Escalation:Zendesk:ApiToken"] = "a-token-the-help-desk-does-not-know",
            ["Admin:ApiKeys:0"] = AdminKey,
        }, sharing: null);

        var reference = await wrongToken.EscalateAsync(Admins, "the usage graph on the dashboard is still wrong", MentionTs, "trigger-refused");

        var admin = wrongToken.Host.CreateAdminClient(AdminKey);
        var detail = await Eventually.Until(
            async () => JsonDocument.Parse(await admin.GetStringAsync($"/api/admin/escalations/{reference}")).RootElement,
            e => e.GetProperty("status").GetString() == "failed",
            what: $"{reference} given up");
        var attempt = Assert.Single(detail.GetProperty("attempts").EnumerateArray());
        Assert.Equal("the help desk answered 401 Unauthorized", attempt.GetProperty("error").GetString());
        Assert.Empty(_desk.Tickets);
        Assert.DoesNotContain("a-token-the-help-desk-does-not-know", detail.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://acme.zendesk.com", FakeHelpDesk.Email, "Escalation:Zendesk:Url")]
    [InlineData("https://agent:secret@acme.zendesk.com", FakeHelpDesk.Email, "Escalation:Zendesk:Url")]
    [InlineData("https://acme.zendesk.com", "", "Escalation:Zendesk:Email")]
    [InlineData("", FakeHelpDesk.Email, "Escalation:Zendesk:Url")]
    public async Task Unusable_help_desk_settings_stop_the_service_naming_the_key_and_not_the_token(string url, string email, string named)
    {
        var result = await BotProcess.RunAsync(
            "--urls", "http://127.0.0.1:0",
            "--Escalation:Zendesk:Url", url,
            "--Escalation:Zendesk:Email", email,
            "--Escalation:Zendesk:ApiToken", FakeHelpDesk.ApiToken);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(named, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeHelpDesk.ApiToken, result.Stderr + result.Stdout, StringComparison.Ordinal);
    }

    private async Task<string> DatabaseTextAsync()
    {
        var file = _bot.Host.DatabaseFile;
        await using var copy = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var buffer = new MemoryStream();
        await copy.CopyToAsync(buffer);
        var wal = file + "-wal";
        if (File.Exists(wal))
        {
            await using var log = new FileStream(wal, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            await log.CopyToAsync(buffer);
        }

        return Encoding.Latin1.GetString(buffer.ToArray());
    }
}
