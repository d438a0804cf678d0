using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using UpgradeBot.Playground;
using UpgradeBot.Testing;

namespace UpgradeBot.Tests.Playground;

/// <summary>What the playground's own endpoints and receivers do with bad input: a 4xx with a reason (or Slack's ok:false), never a 5xx.</summary>
public sealed class PlaygroundInputTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private BotHost _host = null!;
    private HttpClient _client = null!;

    public ValueTask InitializeAsync()
    {
        _host = new BotHost(_temp.File("bot.db"), new Dictionary<string, string?> { ["Playground:Enabled"] = null });
        _client = _host.StartOnLoopback();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        _temp.Dispose();
    }

    private string Token => _host.Services.GetRequiredService<PlaygroundSettings>().BotToken;

    [Theory]
    [InlineData("POST", "/playground/teams/v3/conversations/a%3Ax/activities", "{not json", 400)]
    [InlineData("POST", "/playground/teams/v3/conversations/a%3Ax/activities/1", "[1,2]", 400)]
    [InlineData("PUT", "/playground/teams/v3/conversations/a%3Ax/activities/1", "", 400)]
    [InlineData("POST", "/playground/slack/response/C1/1.2", "nope", 400)]
    [InlineData("POST", "/playground/demo", "{\"scenario\":\"tomorrow\"}", 400)]
    [InlineData("POST", "/playground/demo", "\"running\"", 400)]
    [InlineData("POST", "/playground/announce", "{\"kind\":\"sometime\"}", 400)]
    [InlineData("POST", "/playground/announce", "{}", 400)]
    [InlineData("GET", "/playground/feed?after=soon", null, 400)]
    [InlineData("GET", "/playground/feed?after=-1", null, 400)]
    [InlineData("GET", "/playground/assets/..%2Fappsettings.json", null, 404)]
    public async Task Bad_input_gets_a_4xx_that_says_why(string method, string path, string? body, int status)
    {
        using var response = await SendAsync(method, path, body);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.NotEmpty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413()
    {
        using var response = await SendAsync("POST", "/playground/teams/v3/conversations/a%3Ax/activities", $"{{\"text\":\"{new string('x', ReceivedJson.MaxBytes)}\"}}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("auth.test", "{}", false, "invalid_auth")]
    [InlineData("chat.postMessage", "{\"channel\":\"C1\",\"text\":\"hi\"}", false, "invalid_auth")]
    [InlineData("chat.postMessage", "{oops", true, "invalid_json")]
    [InlineData("chat.postMessage", "{\"text\":\"hi\"}", true, "channel_not_found")]
    [InlineData("chat.update", "{\"channel\":\"C1\",\"text\":\"hi\"}", true, "message_not_found")]
    [InlineData("conversations.list", "{}", true, "unknown_method")]
    public async Task The_Web_API_answers_like_Slack(string method, string body, bool withToken, string error)
    {
        using var response = await SendAsync("POST", $"/playground/slack/api/{method}", body, withToken ? Token : "xoxb-someone-else");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(answer.GetProperty("ok").GetBoolean());
        Assert.Equal(error, answer.GetProperty("error").GetString());
    }

    /// <summary>Seeded, so a failure can be replayed: random methods, paths and bodies over every playground endpoint.</summary>
    [Fact]
    public async Task Hostile_requests_to_every_playground_endpoint_never_get_a_5xx()
    {
        var random = new Random(18);
        string[] paths =
        [
            "/playground", "/playground/session", "/playground/feed?after=0", "/playground/demo", "/playground/announce",
            "/playground/assets/playground.js", "/playground/assets/x", "/playground/teams/v3/conversations/a%3Ax/activities",
            "/playground/teams/v3/conversations/19%3Ac%3Bmessageid%3D1/activities/2", "/playground/slack/api/chat.postMessage",
            "/playground/slack/api/chat.update", "/playground/slack/api/auth.test", "/playground/slack/response/C1/1.000001",
        ];
        string[] bodies =
        [
            "", "{", "null", "[]", "{}", "{\"kind\":null}", "{\"scenario\":1e999}", "{\"channel\":{\"a\":1}}", "{\"channel\":\"C1\",\"ts\":[]}",
            "{\"replace_original\":\"yes\"}", "{\"text\":\"\\ud800\"}", "{\"a\":1,\"a\":2}", new string('[', 5000), "\u0000\u0001",
        ];
        string[] methods = ["GET", "POST", "PUT", "DELETE"];
        for (var i = 0; i < 400; i++)
        {
            var body = random.Next(3) == 0 ? Convert.ToBase64String(RandomBytes(random)) : bodies[random.Next(bodies.Length)];
            using var response = await SendAsync(methods[random.Next(methods.Length)], paths[random.Next(paths.Length)], body, random.Next(2) == 0 ? Token : null);
            Assert.True((int)response.StatusCode < 500, $"request {i}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(1, 300)];
        random.NextBytes(bytes);
        return bytes;
    }

    private Task<HttpResponseMessage> SendAsync(string method, string path, string? body, string? token = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null && method != "GET")
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return _client.SendAsync(request);
    }
}
