using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using UpgradeBot.Testing;

namespace UpgradeBot.Tests.Playground;

/// <summary>
/// Does in C# what the playground page does in the browser, from the session the host hands out:
/// Teams activities with the playground's serviceUrl, Slack payloads signed with its secret, and
/// reads of the feed of what the bot sent back. Needs the host on a real socket (the bot calls it).
/// </summary>
public sealed class PlaygroundClient
{
    private readonly HttpClient _http;
    private readonly long _start;
    private readonly List<JsonElement> _posts = [];
    private readonly HashSet<long> _returned = [];
    private int _next;

    private PlaygroundClient(HttpClient http, JsonElement session)
    {
        _http = http;
        Session = session;
        _start = session.GetProperty("feed").GetInt64();
    }

    public JsonElement Session { get; }

    public string Teams(string name) => Session.GetProperty("teams").GetProperty(name).GetString()!;

    public string Slack(string name) => Session.GetProperty("slack").GetProperty(name).GetString()!;

    public static async Task<PlaygroundClient> OpenAsync(HttpClient http) =>
        new(http, await http.GetFromJsonAsync<JsonElement>("/playground/session"));

    /// <summary>What the page does when it opens: the bot joins the Teams chat and both announcement channels.</summary>
    public async Task JoinAsync()
    {
        (await TeamsAsync(Activity(Teams("chat"), "installationUpdate", new JsonObject { ["action"] = "add" }))).EnsureSuccessStatusCode();
        var added = new JsonObject { ["membersAdded"] = new JsonArray(new JsonObject { ["id"] = Session.GetProperty("teams").GetProperty("bot").GetProperty("id").GetString() }) };
        (await TeamsAsync(Activity(Teams("announcements"), "conversationUpdate", added))).EnsureSuccessStatusCode();
        (await SlackEventAsync(new JsonObject
        {
            ["type"] = "member_joined_channel",
            ["user"] = Slack("botUser"),
            ["channel"] = Slack("announcements"),
            ["channel_type"] = "C",
        })).EnsureSuccessStatusCode();
        await Eventually.Until(
            async () => (await _http.GetFromJsonAsync<JsonElement>("/playground/session")).GetProperty("subscribed"),
            s => s.GetProperty("teams").GetBoolean() && s.GetProperty("slack").GetBoolean(),
            what: "both announcement channels subscribed");
    }

    public JsonObject Activity(string conversationId, string type, JsonObject? fields = null)
    {
        var teams = Session.GetProperty("teams");
        var user = teams.GetProperty("user");
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = $"page-{Interlocked.Increment(ref _next)}",
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["serviceUrl"] = new Uri(_http.BaseAddress!, teams.GetProperty("serviceUrlPath").GetString()).AbsoluteUri,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = user.GetProperty("id").GetString(), ["name"] = user.GetProperty("name").GetString(), ["aadObjectId"] = user.GetProperty("aadObjectId").GetString() },
            ["recipient"] = new JsonObject { ["id"] = teams.GetProperty("bot").GetProperty("id").GetString(), ["name"] = "UpgradeBot" },
            ["conversation"] = new JsonObject
            {
                ["id"] = conversationId,
                ["conversationType"] = conversationId == Teams("chat") ? "personal" : "channel",
                ["isGroup"] = conversationId != Teams("chat"),
                ["tenantId"] = Teams("tenant"),
            },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Teams("tenant") } },
        };
        foreach (var (key, value) in fields ?? [])
        {
            activity[key] = value?.DeepClone();
        }

        return activity;
    }

    public Task<HttpResponseMessage> TeamsAsync(JsonObject activity) => _http.PostAsJsonAsync("/api/messages", activity);

    public Task<HttpResponseMessage> SlackEventAsync(JsonObject slackEvent)
    {
        slackEvent["team"] = Slack("team");
        slackEvent["event_ts"] = Ts();
        var envelope = new JsonObject
        {
            ["type"] = "event_callback",
            ["team_id"] = Slack("team"),
            ["api_app_id"] = "APLAYGROUND",
            ["event_id"] = $"EvPAGE{Interlocked.Increment(ref _next)}",
            ["event_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["event"] = slackEvent,
            ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = Slack("team"), ["user_id"] = Slack("botUser"), ["is_bot"] = true }),
        };
        return SignedAsync("/api/slack/events", envelope.ToJsonString(), "application/json");
    }

    /// <summary>A click on <paramref name="button"/> of the message <paramref name="ts"/>, with the playground's response_url for that message.</summary>
    public Task<HttpResponseMessage> SlackClickAsync(string channel, string ts, JsonElement button)
    {
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = Session.GetProperty("slack").GetProperty("user").GetProperty("id").GetString(), ["username"] = "playground.user", ["team_id"] = Slack("team") },
            ["team"] = new JsonObject { ["id"] = Slack("team") },
            ["channel"] = new JsonObject { ["id"] = channel },
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = ts, ["channel_id"] = channel },
            ["trigger_id"] = $"trigger-{Interlocked.Increment(ref _next)}",
            ["response_url"] = new Uri(_http.BaseAddress!, $"{Slack("responsePath")}/{channel}/{ts}").AbsoluteUri,
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "button",
                ["action_id"] = button.GetProperty("action_id").GetString(),
                ["value"] = button.GetProperty("value").GetString(),
                ["action_ts"] = Ts(),
            }),
        };
        return SignedAsync("/api/slack/interactions", "payload=" + Uri.EscapeDataString(payload.ToJsonString()), "application/x-www-form-urlencoded");
    }

    /// <summary>
    /// The first post of the feed matching <paramref name="wanted"/> that no earlier call returned,
    /// reading the feed until it arrives; fails the test when none does.
    /// </summary>
    public async Task<JsonElement> PostAsync(Func<JsonElement, bool> wanted, string what)
    {
        var found = await Eventually.Until(
            async () =>
            {
                if (_posts.FirstOrDefault(p => !_returned.Contains(p.GetProperty("sequence").GetInt64()) && wanted(p)) is { ValueKind: JsonValueKind.Object } match)
                {
                    return match;
                }

                var after = _posts.Count == 0 ? _start : _posts[^1].GetProperty("sequence").GetInt64();
                _posts.AddRange((await _http.GetFromJsonAsync<JsonElement>($"/playground/feed?after={after}")).GetProperty("posts").EnumerateArray());
                return default;
            },
            match => match.ValueKind == JsonValueKind.Object,
            what: what);
        _returned.Add(found.GetProperty("sequence").GetInt64());
        return found;
    }

    public static bool Is(JsonElement post, string platform, string conversation, string kind) =>
        post.GetProperty("platform").GetString() == platform
        && post.GetProperty("conversation").GetString() == conversation
        && post.GetProperty("kind").GetString() == kind;

    private Task<HttpResponseMessage> SignedAsync(string path, string body, string contentType)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SlackBot.Sign(Slack("signingSecret"), timestamp, body));
        return _http.SendAsync(request);
    }

    private string Ts() => string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.{Interlocked.Increment(ref _next):D6}");
}
