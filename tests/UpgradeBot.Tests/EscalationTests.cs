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
