using System.Net;
using System.Text.Json;
using UpgradeBot.Slack.Tests.Support;

namespace UpgradeBot.Slack.Tests;

/// <summary>Requests that must be refused with a 4xx, leaving Slack, the queue and the subscriptions untouched.</summary>
public sealed class RefusalTests : IAsyncLifetime
{
    private const string Events = "/api/slack/events";
    private const string Json = "application/json";
    private const string FormType = "application/x-www-form-urlencoded";

    private static readonly string MentionBody = JsonSerializer.Serialize(SlackPayloads.Mention("Ev0REFUSE1", "C0REFUSE", "usage graph broken"));
    private static readonly string SubscribeBody = SlackBot.Form(
        ("team_id", FakeSlack.TeamId), ("channel_id", "C0REFUSE"), ("user_id", "U0USER01"), ("command", "/upgrade"), ("text", "subscribe"));

    private SlackBot _bot = null!;

    public async ValueTask InitializeAsync() => _bot = await SlackBot.StartAsync();

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    public static TheoryData<string, string> Paths => new()
    {
        { Events, MentionBody },
        { "/api/slack/commands", SubscribeBody },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Wrong_signature_is_refused(string path, string body) =>
        await RefusedAsync(HttpStatusCode.Unauthorized, _bot.SendAsync(path, body, ContentType(path), secret: "someone-elses-secret"));

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Stale_timestamp_is_refused(string path, string body) =>
        await RefusedAsync(HttpStatusCode.Unauthorized, _bot.SendAsync(path, body, ContentType(path), skew: TimeSpan.FromMinutes(-6)));

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Future_timestamp_is_refused(string path, string body) =>
        await RefusedAsync(HttpStatusCode.Unauthorized, _bot.SendAsync(path, body, ContentType(path), skew: TimeSpan.FromMinutes(6)));

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Missing_headers_are_refused(string path, string body) =>
        await RefusedAsync(HttpStatusCode.Unauthorized, _bot.SendAsync(path, body, ContentType(path), sign: false));

    [Fact]
    public async Task A_body_changed_after_signing_is_refused()
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, Events) { Content = new StringContent(MentionBody.Replace("usage", "other", StringComparison.Ordinal)) };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SlackBot.Sign(SlackBot.Secret, timestamp, MentionBody));

        await RefusedAsync(HttpStatusCode.Unauthorized, _bot.Client.SendAsync(request));
    }

    [Fact]
    public async Task Garbled_json_is_refused() =>
        await RefusedAsync(HttpStatusCode.BadRequest, _bot.SendAsync(Events, "{\"type\":\"event_callback\",\"event_id\":", Json));

    [Fact]
    public async Task Event_callback_without_event_id_is_refused() =>
        await RefusedAsync(HttpStatusCode.BadRequest, _bot.SendAsync(Events, "{\"type\":\"event_callback\",\"event\":{\"type\":\"app_mention\"}}", Json));

    [Theory]
    [InlineData("payload=%7Bnot%20json")]
    [InlineData("no-payload-here")]
    [InlineData("payload=a&payload=b")]
    [InlineData("payload=%FF%FE")]
    public async Task Garbled_form_payload_is_refused(string body) =>
        await RefusedAsync(HttpStatusCode.BadRequest, _bot.SendAsync("/api/slack/interactions", body, FormType));

    [Fact]
    public async Task Command_without_its_fields_is_refused() =>
        await RefusedAsync(HttpStatusCode.BadRequest, _bot.SendAsync("/api/slack/commands", "text=subscribe", FormType));

    [Fact]
    public async Task Body_over_one_mebibyte_is_refused()
    {
        var huge = JsonSerializer.Serialize(SlackPayloads.Mention("Ev0HUGE001", "C0REFUSE", new string('x', 1024 * 1024)));

        await RefusedAsync(HttpStatusCode.RequestEntityTooLarge, _bot.SendAsync(Events, huge, Json));
    }

    [Fact]
    public async Task Empty_signing_secret_refuses_every_request()
    {
        await using var bot = await SlackBot.StartAsync(new Dictionary<string, string?> { ["Slack:SigningSecret"] = "" });

        var response = await bot.SendAsync(Events, MentionBody, Json, secret: "");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, (await bot.Inbound.StatsAsync(SlackChannel.Platform)).Pending);
    }

    private static string ContentType(string path) => path == Events ? Json : FormType;

    private async Task RefusedAsync(HttpStatusCode expected, Task<HttpResponseMessage> send)
    {
        var response = await send;

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(0, (await _bot.Inbound.StatsAsync(SlackChannel.Platform)).Pending);
        Assert.False(await _bot.Inbound.IsProcessedAsync(SlackChannel.Platform, "Ev0REFUSE1"));
        Assert.Null(await _bot.Subscriptions.GetAsync(SlackChannel.Key(FakeSlack.TeamId, "C0REFUSE")));
        await Task.Delay(200);
        Assert.DoesNotContain(_bot.Slack.Calls, c => c.Method != "auth.test");
    }
}
