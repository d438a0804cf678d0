using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UpgradeBot.Core.Inbound;
using UpgradeBot.Core.Schedule;
using UpgradeBot.Core.Subscriptions;
using UpgradeBot.Slack;
using UpgradeBot.Testing;

namespace UpgradeBot.IntegrationTests;

/// <summary>
/// Thousands of generated requests over every endpoint, as an attacker or a broken client would send
/// them: forged, stale and missing signatures, malformed JSON and forms, odd encodings, extreme values,
/// wrong types. Nothing may answer 5xx or log an unhandled exception; nothing unauthenticated may
/// leave a trace; and afterwards the bot still answers ordinary questions on both platforms.
/// Seeded, so a failure can be replayed.
/// </summary>
public sealed class HostileFuzzTests : IAsyncLifetime
{
    private const int Seed = 20261203;
    private const int Requests = 12_000;
    private const string AdminKey = "fuzz-admin-key";

    private readonly TempDirectory _temp = new();
    private readonly CapturedLogs _logs = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<HttpStatusCode, int> _statuses = new();
    private FakeConnector _connector = null!;
    private FakeSlack _slack = null!;
    private BotHost _host = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _slack = await FakeSlack.StartAsync();
        _slack.SavePayloads = false;
        _host = new BotHost(_temp.File("bot.db"), new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = SlackBot.Secret,
            ["Slack:BotToken"] = FakeSlack.Token,
            ["Slack:ApiBaseUrl"] = _slack.ApiBaseUrl,
            ["Admin:ApiKeys:0"] = AdminKey,
        })
        {
            Overrides = services => services.AddLogging(l => l.AddProvider(_logs)),
        };
        _client = _host.StartOnLoopback();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
        await _connector.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task Thousands_of_hostile_requests_get_no_5xx_leave_no_unauthenticated_trace_and_the_bot_still_answers()
    {
        var fuzz = new Fuzz(new Random(Seed), _connector.ServiceUrl);
        var unauthenticated = Enumerable.Range(0, Requests / 2).Select(_ => fuzz.Unauthenticated()).ToList();
        var authenticated = Enumerable.Range(0, Requests / 2).Select(_ => fuzz.Authenticated()).ToList();

        var failures = new List<string>();
        failures.AddRange(await SendAllAsync(unauthenticated));
        // Nothing that lacked a signature or a key reached a store.
        Assert.Equal(0, (await _host.Services.GetRequiredService<IInboundEventStore>().StatsAsync(SlackPlatform.Name)).Pending);
        Assert.Empty(await _host.Services.GetRequiredService<ISubscriptionStore>().ListActiveAsync());
        Assert.Empty(await _host.Services.GetRequiredService<IUpgradeWindowStore>().ListAsync());
        Assert.Empty(_slack.Posts());

        failures.AddRange(await SendAllAsync(authenticated));

        Assert.True(failures.Count == 0, $"{failures.Count} of {Requests} requests failed; first: {string.Join("\n", failures.Take(10))}");
        // The requests really went through every kind of refusal and acceptance, not one early exit.
        Assert.Superset(new HashSet<HttpStatusCode> { HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized, HttpStatusCode.NotFound, HttpStatusCode.Created }, _statuses.Keys.ToHashSet());
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(", ", _statuses.OrderBy(p => p.Key).Select(p => $"{(int)p.Key}: {p.Value}")));
        Assert.DoesNotContain(_logs.Lines, l => l.Level >= LogLevel.Error && l.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        await StillAnswersAsync();
    }

    private async Task<List<string>> SendAllAsync(List<Func<HttpRequestMessage>> requests)
    {
        var failures = new List<string>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (make, token) =>
        {
            using var request = make();
            var description = $"{request.Method} {request.RequestUri}";
            using var response = await _client.SendAsync(request, token);
            _statuses.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
            if ((int)response.StatusCode >= 500)
            {
                lock (failures)
                {
                    failures.Add($"{(int)response.StatusCode} {description}");
                }
            }
        });
        return failures;
    }

    private async Task StillAnswersAsync()
    {
        var before = _connector.Calls.Count;
        var teams = await _client.PostAsync(TeamsPath, Json(new Activities(_connector.ServiceUrl).Personal("the usage graph on the dashboard looks wrong", "a:after-fuzz").ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, teams.StatusCode);
        Assert.Contains(_connector.Calls.Skip(before), c => c.Card is not null);

        var mention = System.Text.Json.JsonSerializer.Serialize(SlackPayloads.Mention("Ev0AFTER001", "C0AFTER01", "is the usage graph wrong?"));
        var slack = await _client.SendAsync(Fuzz.Signed("/api/slack/events", mention, "application/json", DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.OK, slack.StatusCode);
        await Eventually.True(() => _slack.Posts().Any(p => p.Channel == "C0AFTER01"), what: "the answer to a mention after the fuzz run");
    }

    private const string TeamsPath = "/api/messages";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>Builds requests from a seeded generator; each is a factory because a request can be sent once.</summary>
    private sealed class Fuzz(Random random, string serviceUrl)
    {
        private static readonly string[] SlackPaths = ["/api/slack/events", "/api/slack/interactions", "/api/slack/commands"];
        private static readonly string[] OddStrings =
        [
            "", " ", "\0", "\u202e", "\ud800", "\udfff", "😀", new string('x', 5000), "<@U0BOT001>", "<!channel>", "&lt;&gt;&amp;",
            "%", "%zz", "%00", "null", "[]", "{}", "{\"type\":", "\\u0000", "'; DROP TABLE subscriptions; --", "../../etc/passwd",
            "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "-1", "1e309", "NaN", "https://evil.example.com/", "javascript:alert(1)",
        ];

        private static readonly JsonNode?[] OddValues =
        [
            null, true, 0, -1, long.MaxValue, 1.5e300, "", "x", new JsonArray(), new JsonObject(), new JsonArray((JsonNode?)null),
            new JsonObject { ["type"] = "x" }, "\ud800", new string('y', 3000),
        ];

        /// <summary>Requests nobody vouched for. (Teams activities are not among them: in local anonymous mode, which this host runs in, every activity is accepted; the JWT checks have tests of their own.)</summary>
        public Func<HttpRequestMessage> Unauthenticated() => random.Next(5) switch
        {
            0 => SlackUnsigned(),
            1 => SlackForged(),
            2 => SlackStale(),
            3 => AdminWithoutKey(),
            _ => Elsewhere(),
        };

        public Func<HttpRequestMessage> Authenticated() => random.Next(5) switch
        {
            0 => SlackSignedEvent(),
            1 => SlackSignedInteraction(),
            2 => SlackSignedCommand(),
            3 => AdminWithKey(),
            _ => Teams(),
        };

        public static HttpRequestMessage Signed(string path, string body, string contentType, DateTimeOffset at, string secret = SlackBot.Secret)
        {
            var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
            request.Headers.Add("X-Slack-Signature", SlackBot.Sign(secret, timestamp, body));
            return request;
        }

        private Func<HttpRequestMessage> SlackUnsigned()
        {
            var (path, body, type) = SlackBody();
            return () => new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, type) };
        }

        private Func<HttpRequestMessage> SlackForged()
        {
            var (path, body, type) = SlackBody();
            var secret = random.Next(2) == 0 ? "not-the-secret" : "";
            return () => Signed(path, body, type, DateTimeOffset.UtcNow, secret);
        }

        private Func<HttpRequestMessage> SlackStale()
        {
            var (path, body, type) = SlackBody();
            var skew = TimeSpan.FromMinutes(random.Next(2) == 0 ? 6 + random.Next(10_000) : -6 - random.Next(10_000));
            return () => Signed(path, body, type, DateTimeOffset.UtcNow + skew);
        }

        private Func<HttpRequestMessage> SlackSignedEvent()
        {
            var envelope = Mutate(JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Pick(
                SlackPayloads.Mention($"Ev{random.Next():X}", $"C0F{random.Next(50):000}", Text()),
                SlackPayloads.DirectMessage($"Ev{random.Next():X}", Text()),
                SlackPayloads.Membership($"Ev{random.Next():X}", "member_joined_channel", $"C0F{random.Next(50):000}"),
                SlackPayloads.Uninstalled($"Ev{random.Next():X}"),
                SlackPayloads.HomeOpened($"Ev{random.Next():X}", Pick("U0USER01", Odd()), Pick("home", "messages", Odd())))))!);
            var body = random.Next(10) == 0 ? Garbage() : envelope?.ToJsonString() ?? "null";
            return () => Signed("/api/slack/events", body, "application/json", DateTimeOffset.UtcNow);
        }

        private Func<HttpRequestMessage> SlackSignedInteraction()
        {
            var responseUrl = new Uri("http://127.0.0.1:9/response");
            var reference = Pick("UPG-20261203-0001", Odd());
            var template = random.Next(5) switch
            {
                // A Customer Champions button: a resolve click opens its form in the request itself.
                0 => SlackPayloads.ChampionClick(
                    $"trigger-{random.Next()}", responseUrl, Pick("escalation_acknowledge", "escalation_resolve"), reference, Pick($"C0F{random.Next(50):000}", Odd()), "1700000600.000700"),
                // The resolve form submitted, answered in its response.
                1 => SlackPayloads.ResolveSubmission(
                    System.Text.Json.JsonSerializer.SerializeToElement(new
                    {
                        callback_id = "escalation_resolve",
                        private_metadata = Pick(Odd(), System.Text.Json.JsonSerializer.Serialize(new { reference, team = FakeSlack.TeamId, channel = Odd() })),
                        blocks = Array.Empty<object>(),
                    }),
                    Pick<string?>(null, Text(), Odd())),
                // The settings button (opens the modal in the request) and the modal submitted.
                2 => SlackPayloads.SettingsClick($"trigger-{random.Next()}", Pick("U0USER01", Odd())),
                3 => SlackPayloads.SettingsSubmission($"trigger-{random.Next()}", Pick("PublicCloud", "HybridCloud", Odd()), Pick("acme-01", Text(), Odd()), Pick("a@acme.example", Odd())),
                _ => SlackPayloads.Click($"trigger-{random.Next()}", responseUrl, Text(), $"C0F{random.Next(50):000}"),
            };
            var click = Mutate(JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(template))!);
            var payload = random.Next(10) == 0 ? Garbage() : click?.ToJsonString() ?? "null";
            var body = random.Next(5) == 0 ? Garbage() : SlackBot.Form(("payload", payload));
            return () => Signed("/api/slack/interactions", body, "application/x-www-form-urlencoded", DateTimeOffset.UtcNow);
        }

        private Func<HttpRequestMessage> SlackSignedCommand()
        {
            var fields = new List<(string, string)>
            {
                ("team_id", Pick(FakeSlack.TeamId, Odd())),
                ("channel_id", Pick("C0CMD001", Odd())),
                ("user_id", Pick("U0USER01", Odd())),
                ("command", Pick("/upgrade", "/other", Odd())),
                ("text", Pick("help", "status", "subscribe", "unsubscribe", "settings", Text(), Odd())),
                ("trigger_id", Pick($"trigger-{random.Next()}", Odd())),
            };
            fields.RemoveAll(_ => random.Next(8) == 0);
            var body = random.Next(6) == 0 ? Garbage() : SlackBot.Form([.. fields]);
            return () => Signed("/api/slack/commands", body, "application/x-www-form-urlencoded", DateTimeOffset.UtcNow);
        }

        private Func<HttpRequestMessage> Teams()
        {
            var activities = new Activities(random.Next(4) == 0 ? "http://127.0.0.1:9/" : serviceUrl);
            var conversation = $"a:fuzz-{random.Next(100)}";
            var activity = Mutate(Pick<JsonNode>(
                activities.Personal(Text(), conversation),
                activities.Channel(Text(), random.Next(2) == 0),
                activities.BotAdded($"19:fuzz-{random.Next(100)}@thread.tacv2"),
                activities.Installation(Pick("add", "remove", Odd()), $"19:fuzz-{random.Next(100)}@thread.tacv2"),
                activities.Invoke(Pick("adaptiveCard/action", "composeExtension/query", Odd()), OddValue(), conversation),
                activities.Execute("customerSettings", Pick<JsonNode?>(OddValue(), new JsonObject { ["deployment"] = Odd(), ["accountId"] = Text(), ["supportContact"] = Odd() }), conversation),
                activities.Execute(Pick("escalationAcknowledge", "escalationResolve", "escalationRefresh"), new JsonObject { ["reference"] = OddValue(), ["note"] = OddValue() }, conversation),
                activities.Submit(new JsonObject { ["upgradeBotAction"] = Pick("escalationAcknowledge", "escalationResolve"), ["reference"] = OddValue() }, "msg-1", conversation)));
            var body = random.Next(8) switch
            {
                0 => Garbage(),
                1 => (activity?.ToJsonString() ?? "null").Replace("\"type\"", "\"type\":\"message\",\"type\"", StringComparison.Ordinal),
                _ => activity?.ToJsonString() ?? "null",
            };
            var bytes = Encoding.UTF8.GetBytes(body);
            if (random.Next(12) == 0 && bytes.Length > 2)
            {
                bytes[random.Next(bytes.Length)] = (byte)(0x80 + random.Next(0x7F));
            }

            return () => new HttpRequestMessage(HttpMethod.Post, TeamsPath) { Content = new ByteArrayContent(bytes) { Headers = { ContentType = new("application/json") } } };
        }

        private Func<HttpRequestMessage> AdminWithoutKey()
        {
            var make = AdminWithKey();
            var header = Pick<string?>(null, "Bearer wrong", "Basic YWRtaW46YWRtaW4=", $"Bearer {AdminKey}x", "Bearer ");
            return () =>
            {
                var request = make();
                request.Headers.Remove("Authorization");
                if (header is not null)
                {
                    request.Headers.TryAddWithoutValidation("Authorization", header);
                }

                return request;
            };
        }

        private Func<HttpRequestMessage> AdminWithKey()
        {
            var id = Pick("fuzz-1", "a", Uri.EscapeDataString(Odd()), new string('i', 300));
            var upgrade = Mutate(new JsonObject
            {
                ["id"] = id,
                ["title"] = Text(),
                ["statusUrl"] = Pick("https://status.example.com/x", Odd()),
                ["phases"] = new JsonArray(new JsonObject { ["name"] = "P", ["start"] = Pick("2099-01-01T00:00:00Z", Odd()), ["end"] = Pick("2099-01-02T00:00:00Z", Odd()) }),
            });
            var (method, path) = random.Next(12) switch
            {
                7 => (HttpMethod.Get, $"/api/admin/customers?offset={random.Next(-5, 5)}&limit={random.Next(-5, 500)}"),
                8 => (HttpMethod.Get, $"/api/admin/customers/{Pick("slack", "teams", Uri.EscapeDataString(Odd()))}/{id}"),
                9 => (HttpMethod.Get, $"/api/admin/escalations?state={Uri.EscapeDataString(Odd())}&status={Uri.EscapeDataString(Pick("failed", Odd()))}"),
                10 => (HttpMethod.Post, $"/api/admin/escalations/{Uri.EscapeDataString(Pick("UPG-20261203-0001", Odd()))}/acknowledge"),
                11 => (HttpMethod.Post, $"/api/admin/escalations/{Uri.EscapeDataString(Pick("UPG-20261203-0001", Odd()))}/resolve"),
                0 => (HttpMethod.Get, "/api/admin/upgrades"),
                1 => (HttpMethod.Get, $"/api/admin/upgrades/{id}"),
                2 => (HttpMethod.Put, $"/api/admin/upgrades/{id}"),
                3 => (HttpMethod.Post, $"/api/admin/upgrades/{id}/cancel"),
                4 => (HttpMethod.Get, $"/api/admin/escalations?status={Uri.EscapeDataString(Odd())}&offset={random.Next(-5, 5)}&limit={random.Next(-5, 500)}"),
                5 => (HttpMethod.Get, $"/api/admin/escalations/{Uri.EscapeDataString(Odd())}"),
                _ => (HttpMethod.Post, "/api/admin/upgrades"),
            };
            var change = Mutate(new JsonObject { ["note"] = Pick<JsonNode?>(Text(), OddValue()), ["by"] = Pick<JsonNode?>(Text(), OddValue()) });
            var body = random.Next(6) == 0 ? Garbage() : (path.EndsWith("acknowledge", StringComparison.Ordinal) || path.EndsWith("resolve", StringComparison.Ordinal) ? change : upgrade)?.ToJsonString() ?? "null";
            return () =>
            {
                var request = new HttpRequestMessage(method, path);
                if (method != HttpMethod.Get)
                {
                    request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                }

                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
                return request;
            };
        }

        private Func<HttpRequestMessage> Elsewhere()
        {
            var path = Pick("/", "/healthz", "/api", "/api/slack", "/api/messages/../admin", "/api/admin/upgrades/%2e%2e", $"/{Uri.EscapeDataString(Odd())}");
            var method = Pick(HttpMethod.Get, HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, HttpMethod.Options);
            var body = Garbage();
            return () => new HttpRequestMessage(method, path) { Content = method == HttpMethod.Get ? null : new StringContent(body) };
        }

        private (string Path, string Body, string Type) SlackBody()
        {
            var path = Pick(SlackPaths);
            var body = path == "/api/slack/events"
                ? System.Text.Json.JsonSerializer.Serialize(SlackPayloads.Mention($"Ev{random.Next():X}", "C0UNSIGN1", Text()))
                : SlackBot.Form(("payload", Garbage()), ("command", "/upgrade"), ("team_id", FakeSlack.TeamId), ("channel_id", "C0UNSIGN1"), ("user_id", "U1"), ("text", "subscribe"));
            return (path, body, path == "/api/slack/events" ? "application/json" : "application/x-www-form-urlencoded");
        }

        /// <summary>Changes a few fields of a well-formed payload: removed, nulled, retyped, made extreme.</summary>
        private JsonNode? Mutate(JsonNode? node)
        {
            if (node is null || random.Next(4) == 0)
            {
                return node;
            }

            for (var i = random.Next(1, 4); i > 0; i--)
            {
                var target = PickObject(node);
                if (target is null || target.Count == 0)
                {
                    continue;
                }

                var key = target.ElementAt(random.Next(target.Count)).Key;
                if (random.Next(3) == 0)
                {
                    target.Remove(key);
                }
                else
                {
                    target[key] = OddValue()?.DeepClone();
                }
            }

            return node;
        }

        private JsonObject? PickObject(JsonNode node)
        {
            var objects = new List<JsonObject>();
            void Walk(JsonNode? n)
            {
                switch (n)
                {
                    case JsonObject o:
                        objects.Add(o);
                        foreach (var (_, child) in o)
                        {
                            Walk(child);
                        }

                        break;
                    case JsonArray a:
                        foreach (var child in a)
                        {
                            Walk(child);
                        }

                        break;
                }
            }

            Walk(node);
            return objects.Count == 0 ? null : objects[random.Next(objects.Count)];
        }

        private string Garbage() => random.Next(6) switch
        {
            0 => string.Empty,
            1 => Odd(),
            2 => new string('[', random.Next(1, 2000)),
            3 => Convert.ToBase64String(RandomBytes(random.Next(1, 300))),
            4 => "{\"a\":" + new string('1', random.Next(1, 400)) + "}",
            _ => Encoding.Latin1.GetString(RandomBytes(random.Next(1, 200))),
        };

        private string Text() => Pick("the usage graph is wrong", "is the destination offline alert the upgrade?", "help", "status", "licensing graph looks off", Odd());

        private string Odd() => Pick(OddStrings);

        private JsonNode? OddValue() => Pick(OddValues)?.DeepClone();

        private byte[] RandomBytes(int count)
        {
            var bytes = new byte[count];
            random.NextBytes(bytes);
            return bytes;
        }

        private T Pick<T>(params T[] choices) => choices[random.Next(choices.Length)];
    }
}
