using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Testing;

namespace UpgradeBot.Tests;

public sealed class EscalationTests : IAsyncLifetime
{
    private const string Secret = "test-webhook-secret-0123456789";
    private const string AdminKey = "admin-key-for-tests";

    private readonly TempDirectory _temp = new();
    private WebhookReceiver _receiver = null!;

    public async ValueTask InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _receiver.DisposeAsync();
        _temp.Dispose();
    }

    private BotHost Host(int maxAttempts = 5, int maxPerDay = 5) => new(_temp.File("bot.db"), new Dictionary<string, string?>
    {
        ["Escalation:Webhook:Url"] = _receiver.Url,
        ["Escalation:Webhook:Secret"] = Secret,
        ["Escalation:Delivery:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Escalation:Delivery:FirstRetryDelay"] = "00:00:00.050",
        ["Escalation:Delivery:MaxRetryDelay"] = "00:00:00.200",
        ["Escalation:Delivery:PollInterval"] = "00:00:00.050",
        // A host stopped in the middle of a delivery leaves it claimed; the next one takes it over once the lease ends.
        ["Escalation:ClaimLease"] = "00:00:01",
        ["Escalation:MaxPerUserPerDay"] = maxPerDay.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Admin:ApiKeys:0"] = AdminKey,
    });

    private static EscalationRequest Request(string user = "u1", string topic = "usage-destination-graphs", string question = "dashboard usage graph wrong") =>
        new(new Asker("slack", "T1", user, $"User {user}", "C1"), new EscalationContext(topic, "not-upgrade-related", null, question, TimeProvider.System.GetUtcNow()));

    private static Task<EscalationResult> Escalate(BotHost host, EscalationRequest request) =>
        host.Services.GetRequiredService<IEscalationService>().EscalateAsync(request);

    private static HttpClient Admin(BotHost host)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        return client;
    }

    private static async Task<JsonElement> AdminGet(BotHost host, string path) =>
        JsonDocument.Parse(await Admin(host).GetStringAsync(path)).RootElement;

    [Fact]
    public async Task Concurrent_double_click_creates_one_escalation_and_one_webhook_delivery()
    {
        await using var host = Host();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Escalate(host, Request())));

        Assert.Single(results, r => r.Outcome == EscalationOutcome.Created);
        Assert.Single(results.Select(r => r.Reference).Distinct());
        Assert.Matches(@"^UPG-\d{8}-\d{4}$", results[0].Reference!);
        // Delivered is final: the outbox sends nothing more about it.
        await Eventually.Until(() => AdminGet(host, $"/api/admin/escalations/{results[0].Reference}"), e => e.GetProperty("status").GetString() == "delivered");
        Assert.Single(_receiver.Received);
    }

    [Fact]
    public async Task Different_users_get_their_own_reference()
    {
        await using var host = Host();

        var first = await Escalate(host, Request("u1"));
        var second = await Escalate(host, Request("u2"));

        Assert.Equal(EscalationOutcome.Created, second.Outcome);
        Assert.NotEqual(first.Reference, second.Reference);
    }

    [Fact]
    public async Task Same_user_coming_back_later_gets_the_same_reference()
    {
        await using var host = Host();

        var first = await Escalate(host, Request(question: "dashboard usage graph wrong"));
        var again = await Escalate(host, Request(question: "it is still wrong, please look"));

        Assert.Equal(EscalationOutcome.AlreadyOpen, again.Outcome);
        Assert.Equal(first.Reference, again.Reference);
    }

    [Fact]
    public async Task Beyond_the_daily_limit_nothing_is_created_and_the_user_is_told()
    {
        await using var host = Host(maxPerDay: 2);

        await Escalate(host, Request(topic: "usage-destination-graphs"));
        await Escalate(host, Request(topic: "org-user-statistics"));
        var third = await Escalate(host, Request(topic: "licensing-graphs"));

        Assert.Equal(EscalationOutcome.LimitReached, third.Outcome);
        Assert.Null(third.Reference);
        Assert.Contains("limit of 2", third.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await AdminGet(host, "/api/admin/escalations")).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("not-a-topic", "dashboard wrong")]
    [InlineData("usage-destination-graphs", "")]
    public async Task Tampered_context_is_refused_and_nothing_is_created(string topic, string question)
    {
        await using var host = Host();

        var result = await Escalate(host, Request(topic: topic, question: question));

        Assert.Equal(EscalationOutcome.Rejected, result.Outcome);
        Assert.StartsWith("I could not escalate this", result.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await AdminGet(host, "/api/admin/escalations")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Context_naming_an_unknown_upgrade_or_an_oversized_question_is_refused()
    {
        await using var host = Host();
        var unknownUpgrade = Request() with { Context = Request().Context with { UpgradeId = "no-such-upgrade" } };
        var huge = Request(question: new string('q', EscalationContext.MaxQuestionLength + 1));

        Assert.Equal(EscalationOutcome.Rejected, (await Escalate(host, unknownUpgrade)).Outcome);
        Assert.Equal(EscalationOutcome.Rejected, (await Escalate(host, huge)).Outcome);
    }

    [Fact]
    public async Task Receiver_down_for_its_first_attempts_gets_the_escalation_once_it_is_up_with_a_valid_signature()
    {
        _receiver.FailFirst = 3;
        await using var host = Host();

        var result = await Escalate(host, Request());

        await Eventually.Until(() => Task.FromResult(_receiver.Received.Count), n => n >= 1);
        var delivery = Assert.Single(_receiver.Received);
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), delivery.Body));
        Assert.Equal(expected, delivery.Signature);
        Assert.NotNull(delivery.Timestamp);
        var payload = JsonDocument.Parse(delivery.Body).RootElement;
        Assert.Equal(result.Reference, payload.GetProperty("reference").GetString());
        Assert.Equal("dashboard usage graph wrong", payload.GetProperty("question").GetString());
        Assert.Equal("u1", payload.GetProperty("requester").GetProperty("userId").GetString());

        var record = await Eventually.Until(() => AdminGet(host, $"/api/admin/escalations/{result.Reference}"), e => e.GetProperty("status").GetString() == "delivered");
        Assert.Equal("delivered", record.GetProperty("status").GetString());
        Assert.Equal(4, record.GetProperty("attempts").GetArrayLength());
    }

    [Fact]
    public async Task An_escalation_written_before_a_restart_is_delivered_after_it()
    {
        _receiver.FailFirst = int.MaxValue;
        string reference;
        await using (var first = Host(maxAttempts: 100))
        {
            reference = (await Escalate(first, Request())).Reference!;
        }

        _receiver.FailFirst = 0;
        await using var second = Host();
        _ = second.Services;

        await Eventually.Until(() => Task.FromResult(_receiver.Received.Count), n => n >= 1);
        Assert.Equal(reference, Assert.Single(_receiver.Received).Reference);
    }

    [Fact]
    public async Task Receiver_that_never_recovers_is_marked_failed_after_the_configured_attempts()
    {
        _receiver.FailFirst = int.MaxValue;
        await using var host = Host(maxAttempts: 3);

        var reference = (await Escalate(host, Request())).Reference;

        var record = await Eventually.Until(() => AdminGet(host, $"/api/admin/escalations/{reference}"), e => e.GetProperty("status").GetString() == "failed");
        Assert.Equal("failed", record.GetProperty("status").GetString());
        Assert.Equal(3, record.GetProperty("attempts").GetArrayLength());
        Assert.Contains("503", record.GetProperty("attempts")[2].GetProperty("error").GetString(), StringComparison.Ordinal);
        var failed = await AdminGet(host, "/api/admin/escalations?status=failed");
        Assert.Equal(reference, failed.GetProperty("items")[0].GetProperty("reference").GetString());
        // Failed is final: the outbox sends nothing more about it.
        Assert.Equal(3, _receiver.Requests);
    }

    [Fact]
    public async Task Acknowledge_and_resolve_through_the_admin_api_follow_the_button_rules_and_reach_the_webhook_signed()
    {
        await using var host = Host();
        var reference = (await Escalate(host, Request())).Reference!;
        var admin = Admin(host);

        var acknowledged = await ChangeAsync(admin, $"/api/admin/escalations/{reference}/acknowledge", null);
        var again = await ChangeAsync(admin, $"/api/admin/escalations/{reference}/acknowledge", "{}");
        var resolved = await ChangeAsync(admin, $"/api/admin/escalations/{reference}/resolve", "{\"note\":\"Fixed on our side.\",\"by\":\"Dana\"}");

        Assert.True(acknowledged.GetProperty("changed").GetBoolean());
        Assert.Equal("acknowledged", acknowledged.GetProperty("escalation").GetProperty("state").GetString());
        Assert.False(again.GetProperty("changed").GetBoolean());
        Assert.Contains("already acknowledged", again.GetProperty("message").GetString(), StringComparison.Ordinal);
        var escalation = resolved.GetProperty("escalation");
        Assert.Equal("resolved", escalation.GetProperty("state").GetString());
        Assert.Equal("Dana", escalation.GetProperty("resolved").GetProperty("byName").GetString());
        Assert.Equal("Fixed on our side.", escalation.GetProperty("resolved").GetProperty("note").GetString());
        Assert.Equal("Customer Champions (admin API)", escalation.GetProperty("acknowledged").GetProperty("byName").GetString());

        var deliveries = await Eventually.Until(() => Task.FromResult(_receiver.Received.ToArray()), d => d.Length >= 3, what: "three webhook deliveries");
        Assert.Equal(["escalation.created", "escalation.acknowledged", "escalation.resolved"], deliveries.Select(d => d.Event));
        foreach (var delivery in deliveries)
        {
            Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), delivery.Body)), delivery.Signature);
            var payload = JsonDocument.Parse(delivery.Body).RootElement;
            Assert.Equal(delivery.Event, payload.GetProperty("event").GetString());
            Assert.Equal(reference, payload.GetProperty("reference").GetString());
        }

        var last = JsonDocument.Parse(deliveries[2].Body).RootElement;
        Assert.Equal("resolved", last.GetProperty("state").GetString());
        Assert.Equal("Fixed on our side.", last.GetProperty("resolved").GetProperty("note").GetString());
        Assert.Equal("admin", last.GetProperty("resolved").GetProperty("by").GetProperty("platform").GetString());
        Assert.Equal(JsonValueKind.Null, last.GetProperty("customer").ValueKind);
        Assert.Equal("open", JsonDocument.Parse(deliveries[0].Body).RootElement.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(deliveries[1].Body).RootElement.GetProperty("resolved").ValueKind);
    }

    [Fact]
    public async Task The_admin_api_lists_by_state_and_refuses_what_it_cannot_use()
    {
        await using var host = Host();
        var open = (await Escalate(host, Request("u1"))).Reference!;
        var resolved = (await Escalate(host, Request("u2"))).Reference!;
        var admin = Admin(host);
        await ChangeAsync(admin, $"/api/admin/escalations/{resolved}/resolve", null);

        Assert.Equal([open], References(await AdminGet(host, "/api/admin/escalations?state=open")));
        Assert.Equal([resolved], References(await AdminGet(host, "/api/admin/escalations?state=RESOLVED")));
        Assert.Empty(References(await AdminGet(host, "/api/admin/escalations?state=acknowledged&status=failed")));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/admin/escalations?state=closed")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/admin/escalations?state=1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/admin/escalations/UPG-20000101-0001/resolve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync($"/api/admin/escalations/{open}/resolve", Json("{\"note\":"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync($"/api/admin/escalations/{open}/resolve", Json("[1,2]"))).StatusCode);
        var tooLong = JsonSerializer.Serialize(new { note = new string('n', EscalationStateChange.MaxNoteLength + 1) });
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync($"/api/admin/escalations/{open}/resolve", Json(tooLong))).StatusCode);
        Assert.Equal("open", (await AdminGet(host, $"/api/admin/escalations/{open}")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task After_resolve_the_same_user_topic_and_upgrade_open_a_new_escalation()
    {
        await using var host = Host();
        var first = (await Escalate(host, Request())).Reference!;
        await ChangeAsync(Admin(host), $"/api/admin/escalations/{first}/resolve", null);

        var second = await Escalate(host, Request(question: "it is wrong again"));

        Assert.Equal(EscalationOutcome.Created, second.Outcome);
        Assert.NotEqual(first, second.Reference);
    }

    private static async Task<JsonElement> ChangeAsync(HttpClient admin, string path, string? body)
    {
        using var response = await admin.PostAsync(path, body is null ? null : Json(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static string?[] References(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("reference").GetString())];

    [Fact]
    public async Task Admin_api_refuses_missing_or_wrong_keys()
    {
        await using var host = Host();
        var anonymous = host.CreateClient();
        var wrong = host.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "guess");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/admin/escalations")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/admin/escalations")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin(host).GetAsync("/api/admin/escalations?status=lost")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin(host).GetAsync("/api/admin/escalations/UPG-20000101-0001")).StatusCode);
    }

    [Fact]
    public async Task Admin_api_does_not_exist_without_configured_keys()
    {
        await using var host = new BotHost(_temp.File("bot.db"));
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "anything");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/admin/escalations")).StatusCode);
    }
}
