using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using UpgradeBot.Testing;

// Sustained mixed load on the real host (a process on SQLite), against the shared fakes of Slack and
// the Bot Connector on 127.0.0.1, for a few minutes:
// - one Slack channel with a backlog of questions (it can only be answered at 1 message/s),
// - another workspace flooding at a steady rate across many channels,
// - malformed and oversized Teams activities, and ordinary Teams questions,
// - and, all along, a question in a quiet conversation every quarter second, alternately on each
//   platform, timed from the request to the answer reaching the fake.
// Prints the quiet questions' latency, the host's resident memory (start, peak, end) and the
// database's size, at the start, every --size-every seconds (30) and at the end. --retention N
// runs the host with short retention periods (event content N seconds after it was handled, its
// id 2N, pruning every 5 s) so the database's size over a few minutes shows what the shipped
// periods do over days. Manual, not in CI: bench/README.md has the figures.
var options = SoakOptions.Parse(args);
var folder = Directory.CreateTempSubdirectory("upgradebot-soak-");
await using var slack = await FakeSlack.StartAsync();
slack.SavePayloads = false;
await using var connector = await FakeConnector.StartAsync();
var port = FreePort();
var bot = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
var database = Path.Combine(folder.FullName, "bot.db");
var environment = new Dictionary<string, string>
{
    ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
    ["Storage__ConnectionString"] = $"Data Source={database}",
    ["Slack__SigningSecret"] = SlackBot.Secret,
    ["Slack__BotToken"] = FakeSlack.Token,
    ["Slack__ApiBaseUrl"] = slack.ApiBaseUrl,
    ["Logging__LogLevel__Default"] = "Warning",
};
if (options.Retention is { } retention)
{
    environment["Retention__ProcessedEvents"] = retention.ToString("c", CultureInfo.InvariantCulture);
    environment["Retention__EventIds"] = (2 * retention).ToString("c", CultureInfo.InvariantCulture);
    environment["Retention__PruneInterval"] = "00:00:05";
}

using var host = BotProcess.Start(environment);
await WaitForHealthAsync(bot, host);
var pid = host.ProcessId;

var answered = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
slack.Received += call =>
{
    if (call.Method == "chat.postMessage" && call.Channel is { } channel && channel.StartsWith("D0QUIET", StringComparison.Ordinal))
    {
        answered.TryAdd(channel, call.At);
    }
};

var memory = new List<long>();
var stop = new CancellationTokenSource(options.Duration);
var sampler = Task.Run(async () =>
{
    while (!stop.IsCancellationRequested)
    {
        memory.Add(ResidentBytes(pid));
        await Task.Delay(1000);
    }
});
var startSize = DatabaseBytes(database);
var sent = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
var sizes = Task.Run(async () =>
{
    var started = Stopwatch.GetTimestamp();
    while (!stop.IsCancellationRequested)
    {
        try
        {
            await Task.Delay(options.SizeEvery, stop.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var events = sent.Where(p => p.Key.StartsWith("slack", StringComparison.Ordinal)).Sum(p => p.Value);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Stopwatch.GetElapsedTime(started).TotalSeconds,5:F0} s: {events,7:N0} Slack events sent, database {DatabaseBytes(database) / 1e6,6:F1} MB"));
    }
});

Console.WriteLine($"soak: {options.Duration.TotalMinutes:0.#} min; backlog {options.Backlog} questions in one channel; another workspace at {options.FloodPerSecond}/s; Teams noise {options.TeamsNoisePerSecond}/s; retention {(options.Retention is { } r ? $"{r.TotalSeconds:0} s (ids {2 * r.TotalSeconds:0} s, pruned every 5 s)" : "as shipped")}; RSS {ResidentBytes(pid) / 1e6:F0} MB at start");
for (var i = 0; i < options.Backlog; i++)
{
    await SlackEventAsync(bot, SlackPayloads.Mention($"EvBACKLOG{i:D6}", "C0BUSY001", "is the usage graph wrong?"), sent);
}

var load = new[]
{
    Steady(options.FloodPerSecond, stop.Token, i => SlackEventAsync(bot, Mention($"EvFLOOD{i:D8}", "T0FLOOD01", $"C0FLD{i % 100:D3}"), sent)),
    Steady(options.TeamsNoisePerSecond, stop.Token, i => TeamsNoiseAsync(bot, connector.ServiceUrl, i, sent)),
};

var slackLatencies = new ConcurrentBag<double>();
var teamsLatencies = new ConcurrentBag<double>();
var probes = new List<Task>();
for (var probe = 0; !stop.IsCancellationRequested; probe++)
{
    var n = probe;
    probes.Add(n % 2 == 0
        ? QuietSlackAsync(bot, n, answered, slackLatencies, sent)
        : QuietTeamsAsync(bot, connector.ServiceUrl, n, teamsLatencies));
    await Task.Delay(250);
}

await Task.WhenAll(load);
await Task.WhenAll(probes);
await sampler;
await sizes;
memory.Add(ResidentBytes(pid));

Console.WriteLine();
Console.WriteLine($"requests sent: {string.Join(", ", sent.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))}; host still running: {!host.HasExited}");
Console.WriteLine("posts reaching Slack: " + string.Join(", ", slack.Posts().GroupBy(p => (p.Channel ?? "?")[..Math.Min(5, (p.Channel ?? "?").Length)]).Select(g => $"{g.Key}… {g.Count()}")));
if (args.Contains("--keep"))
{
    Console.WriteLine(host.Output);
}

Console.WriteLine("| quiet question | answered | p50 | p99 | max |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
Report("Slack DM, same workspace as the backlog", slackLatencies, options.Duration);
Report("Teams personal chat", teamsLatencies, options.Duration);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"host resident memory: {memory[0] / 1e6:F0} MB at start, {memory.Max() / 1e6:F0} MB peak, {memory[^1] / 1e6:F0} MB at the end"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"database: {startSize / 1e6:F1} MB at start, {DatabaseBytes(database) / 1e6:F1} MB at the end"));

if (!args.Contains("--keep")) { folder.Delete(recursive: true); } else { Console.WriteLine($"kept {folder.FullName}"); }

static void Report(string name, ConcurrentBag<double> latencies, TimeSpan duration)
{
    var sorted = latencies.Order().ToArray();
    string At(double q) => sorted.Length == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))]:F0} ms");
    Console.WriteLine($"| {name} | {sorted.Length} | {At(0.5)} | {At(0.99)} | {At(1.0)} |");
}

static async Task QuietSlackAsync(HttpClient bot, int n, ConcurrentDictionary<string, long> answered, ConcurrentBag<double> latencies, ConcurrentDictionary<string, int> sent)
{
    var channel = $"D0QUIET{n:D6}";
    var started = Stopwatch.GetTimestamp();
    var envelope = SlackPayloads.DirectMessage($"EvQUIET{n:D6}", "is the dashboard usage graph wrong?");
    var json = JsonSerializer.Serialize(envelope).Replace("D0DM0001", channel, StringComparison.Ordinal);
    await SendSignedAsync(bot, json, sent, "slack quiet");
    var deadline = started + (long)(Stopwatch.Frequency * 30.0);
    while (!answered.ContainsKey(channel) && Stopwatch.GetTimestamp() < deadline)
    {
        await Task.Delay(5);
    }

    latencies.Add(answered.TryGetValue(channel, out var at) ? Stopwatch.GetElapsedTime(started, at).TotalMilliseconds : 30_000);
}

static async Task QuietTeamsAsync(HttpClient bot, string serviceUrl, int n, ConcurrentBag<double> latencies)
{
    var started = Stopwatch.GetTimestamp();
    var activity = new Activities(serviceUrl).Personal("is the dashboard usage graph wrong?", $"a:quiet-{n}").ToJsonString();
    using var response = await bot.PostAsync("/api/messages", new StringContent(activity, Encoding.UTF8, "application/json"));
    latencies.Add(response.IsSuccessStatusCode ? Stopwatch.GetElapsedTime(started).TotalMilliseconds : 30_000);
}

static async Task TeamsNoiseAsync(HttpClient bot, string serviceUrl, long i, ConcurrentDictionary<string, int> sent)
{
    var activities = new Activities(serviceUrl);
    var body = (i % 4) switch
    {
        0 => "{\"type\":\"message\",\"text\":\"" + new string('x', 200_000) + "\"}",
        1 => activities.Personal(new string('y', 100_000), $"a:noise-{i % 50}").ToJsonString(),
        2 => "{\"type\":\"message\",\"serviceUrl\":\"\",\"conversation\":{\"id\":\"a:1\"}}",
        _ => activities.Personal("the licensing graph looks wrong", $"a:noise-{i % 50}").ToJsonString(),
    };
    using var response = await bot.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));
    sent.AddOrUpdate($"teams {(int)response.StatusCode}", 1, (_, c) => c + 1);
}

static object Mention(string eventId, string team, string channel)
{
    var json = JsonSerializer.Serialize(SlackPayloads.Mention(eventId, channel, "the usage graph looks wrong"));
    return JsonDocument.Parse(json.Replace(FakeSlack.TeamId, team, StringComparison.Ordinal)).RootElement.Clone();
}

static Task SlackEventAsync(HttpClient bot, object envelope, ConcurrentDictionary<string, int> sent) =>
    SendSignedAsync(bot, JsonSerializer.Serialize(envelope), sent, "slack");

static async Task SendSignedAsync(HttpClient bot, string body, ConcurrentDictionary<string, int> sent, string what)
{
    var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/slack/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
    request.Headers.Add("X-Slack-Signature", SlackBot.Sign(SlackBot.Secret, timestamp, body));
    using var response = await bot.SendAsync(request);
    sent.AddOrUpdate($"{what} {(int)response.StatusCode}", 1, (_, c) => c + 1);
}

/// <summary>Starts <paramref name="perSecond"/> sends a second, each on its own, until stopped; bounded by the run's duration.</summary>
static Task Steady(int perSecond, CancellationToken stop, Func<long, Task> send) => Task.Run(async () =>
{
    var inFlight = new List<Task>();
    var started = Stopwatch.GetTimestamp();
    for (long i = 0; !stop.IsCancellationRequested; i++)
    {
        var due = started + (long)(i * Stopwatch.Frequency / (double)perSecond);
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        inFlight.Add(send(i));
        inFlight.RemoveAll(t => t.IsCompleted);
    }

    await Task.WhenAll(inFlight);
});

static async Task WaitForHealthAsync(HttpClient bot, BotProcess.Running host)
{
    for (var i = 0; i < 300; i++)
    {
        if (host.HasExited)
        {
            throw new InvalidOperationException($"The host stopped:{Environment.NewLine}{host.Output}");
        }

        try
        {
            if ((await bot.GetAsync("/healthz")).IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
        }

        await Task.Delay(100);
    }

    throw new TimeoutException($"The host did not become healthy:{Environment.NewLine}{host.Output}");
}

static long ResidentBytes(int pid)
{
    var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
    return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
}

static long DatabaseBytes(string database) =>
    new[] { database, database + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

/// <summary>
/// <c>--minutes</c>, <c>--backlog</c>, <c>--flood</c> (events/s), <c>--teams-noise</c> (requests/s),
/// <c>--retention</c> (seconds an event's content is kept after it was handled; none: the shipped
/// periods), <c>--size-every</c> (seconds between database size lines).
/// </summary>
internal sealed record SoakOptions(TimeSpan Duration, int Backlog, int FloodPerSecond, int TeamsNoisePerSecond, TimeSpan? Retention, TimeSpan SizeEvery)
{
    public static SoakOptions Parse(string[] args)
    {
        double? Find(string name) =>
            Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : null;
        double Read(string name, double fallback) => Find(name) ?? fallback;

        return new SoakOptions(
            TimeSpan.FromMinutes(Read("--minutes", 3)),
            (int)Read("--backlog", 1000),
            (int)Read("--flood", 200),
            (int)Read("--teams-noise", 40),
            Find("--retention") is { } retention ? TimeSpan.FromSeconds(retention) : null,
            TimeSpan.FromSeconds(Read("--size-every", 30)));
    }
}
