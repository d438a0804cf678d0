using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UpgradeBot.Core.Inbound;
using UpgradeBot.Core.Messaging;
using UpgradeBot.Core.Subscriptions;
using UpgradeBot.Slack;
using UpgradeBot.Slack.Installations;

namespace UpgradeBot.Testing;

/// <summary>
/// The real host (SQLite file, all of Program.cs) talking to a <see cref="FakeSlack"/>, and a
/// client that signs its requests the way Slack does, written here independently of the bot's verifier.
/// Both ways into Slack are on: <c>Slack:BotToken</c> for <see cref="FakeSlack.Default"/>, and
/// "Add to Slack" for any workspace of the fake (<see cref="InstallAsync"/>).
/// </summary>
public sealed class SlackBot : IAsyncDisposable
{
    public const string Secret = "slack-signing-secret-for-tests";

    private readonly TempDirectory _temp;
    private bool OwnsSlack { get; init; }

    private SlackBot(FakeSlack slack, TempDirectory temp, BotHost host, CapturedLogs logs)
    {
        Logs = logs;
        _temp = temp;
        Slack = slack;
        Host = host;
        Client = host.CreateClient();
    }

    public FakeSlack Slack { get; }

    public BotHost Host { get; }

    public HttpClient Client { get; }

    public IInboundEventStore Inbound => Host.Services.GetRequiredService<IInboundEventStore>();

    public ISubscriptionStore Subscriptions => Host.Services.GetRequiredService<ISubscriptionStore>();

    public CapturedLogs Logs { get; }

    public ISlackInstallationStore Installations => Host.Services.GetRequiredService<ISlackInstallationStore>();

    /// <summary>The Slack messenger, as the announcement and escalation outboxes post through it.</summary>
    public IMessenger Messenger => Host.Services.GetServices<IMessenger>().Single(m => m.Platform == SlackPlatform.Name);

    /// <summary>Where Slack sends browsers back (<c>Slack:RedirectUri</c>).</summary>
    public string RedirectUri { get; private init; } = string.Empty;

    /// <summary>
    /// A bot on a fresh database. <paramref name="kestrel"/> serves it on a free loopback port, for a
    /// real browser; otherwise requests go to it in memory. <paramref name="sharing"/> makes it a
    /// second instance of that bot: the same database and the same Slack.
    /// </summary>
    public static async Task<SlackBot> StartAsync(IDictionary<string, string?>? settings = null, bool kestrel = false, Action<IServiceCollection>? services = null, SlackBot? sharing = null)
    {
        var slack = sharing?.Slack ?? await FakeSlack.StartAsync();
        var port = kestrel ? FreePort() : 0;
        var origin = kestrel ? $"http://127.0.0.1:{port}" : "http://localhost";
        var all = new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = Secret,
            ["Slack:BotToken"] = FakeSlack.Token,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
            ["Slack:ClientId"] = FakeSlackOAuth.ClientId,
            ["Slack:ClientSecret"] = FakeSlackOAuth.ClientSecret,
            ["Slack:RedirectUri"] = origin + "/api/slack/oauth_redirect",
            ["Slack:AuthorizeUrl"] = slack.AuthorizeUrl,
            ["Slack:InboundPollInterval"] = "00:00:00.200",
            ["Escalation:Delivery:PollInterval"] = "00:00:00.100",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var temp = new TempDirectory();
        var logs = new CapturedLogs();
        var host = new BotHost(sharing?.Host.DatabaseFile ?? temp.File("bot.db"), all)
        {
            Overrides = s =>
            {
                s.AddLogging(l => l.AddProvider(logs));
                services?.Invoke(s);
            },
        };
        if (kestrel)
        {
            host.UseKestrel(port);
            host.StartServer();
        }

        return new SlackBot(slack, temp, host, logs) { RedirectUri = all["Slack:RedirectUri"]!, Origin = origin, OwnsSlack = sharing is null };
    }

    /// <summary>The bot's address as a browser reaches it.</summary>
    public string Origin { get; private init; } = string.Empty;

    /// <summary>A browser of its own: its own cookies, redirects not followed (they lead to Slack's pages).</summary>
    public HttpClient Browser() => Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>The install page's first step in <paramref name="browser"/>: the state Slack's authorize page is sent with.</summary>
    public async Task<string> StartInstallAsync(HttpClient browser)
    {
        using var start = await browser.GetAsync("/api/slack/install?direct=1");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        return QueryHelpers.ParseQuery(start.Headers.Location!.Query)["state"].ToString();
    }

    /// <summary>The way back from Slack's authorize page with <paramref name="code"/> and <paramref name="state"/>.</summary>
    public Task<HttpResponseMessage> ReturnFromSlackAsync(HttpClient browser, string? code, string? state, string? error = null)
    {
        var query = new Dictionary<string, string?>();
        foreach (var (key, value) in new[] { ("code", code), ("state", state), ("error", error) })
        {
            if (value is not null)
            {
                query[key] = value;
            }
        }

        return browser.GetAsync(QueryHelpers.AddQueryString("/api/slack/oauth_redirect", query));
    }

    /// <summary>"Add to Slack" for <paramref name="workspace"/>, as a browser would go through it with the admin approving.</summary>
    public async Task<HttpResponseMessage> InstallAsync(SlackWorkspace workspace)
    {
        using var browser = Browser();
        var state = await StartInstallAsync(browser);
        var done = await ReturnFromSlackAsync(browser, Slack.OAuth.Code(workspace, RedirectUri), state);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        return done;
    }

    /// <summary>A new workspace of the fake, installed through "Add to Slack".</summary>
    public async Task<SlackWorkspace> InstallNewAsync(string teamId, string name)
    {
        var workspace = Slack.AddWorkspace(teamId, name);
        (await InstallAsync(workspace)).Dispose();
        return workspace;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Sends <paramref name="body"/> signed with <paramref name="secret"/> at now + <paramref name="skew"/>.</summary>
    public Task<HttpResponseMessage> SendAsync(
        string path,
        string body,
        string contentType,
        string secret = Secret,
        TimeSpan skew = default,
        int? retryNum = null,
        bool sign = true)
    {
        var timestamp = (DateTimeOffset.UtcNow + skew).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (sign)
        {
            request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
            request.Headers.Add("X-Slack-Signature", Sign(secret, timestamp, body));
        }

        if (retryNum is { } retry)
        {
            request.Headers.Add("X-Slack-Retry-Num", retry.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }

        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> EventAsync(object envelope, int? retryNum = null) =>
        SendAsync("/api/slack/events", JsonSerializer.Serialize(envelope), "application/json", retryNum: retryNum);

    public Task<HttpResponseMessage> InteractionAsync(object payload) =>
        SendAsync("/api/slack/interactions", Form(("payload", JsonSerializer.Serialize(payload))), "application/x-www-form-urlencoded");

    public Task<HttpResponseMessage> CommandAsync(string text, string channel = "C0CMD001", string user = "U0USER01") =>
        SendAsync("/api/slack/commands", Form(
            ("token", "deprecated-verification-token"),
            ("team_id", FakeSlack.TeamId),
            ("team_domain", "test"),
            ("channel_id", channel),
            ("channel_name", "upgrades"),
            ("user_id", user),
            ("user_name", "ada"),
            ("command", "/upgrade"),
            ("text", text),
            ("api_app_id", "A0TEST01"),
            ("response_url", Slack.ResponseUrl("command").ToString()),
            ("trigger_id", $"{Guid.NewGuid():N}")), "application/x-www-form-urlencoded");

    /// <summary>
    /// Waits until the inbound queue is done with the event, and fails when that was by giving up on
    /// it or after a failed attempt: a handler that throws every time must not pass for one that did nothing.
    /// Everything the event makes the bot post is posted by then.
    /// </summary>
    public async Task ProcessedAsync(string eventId)
    {
        await Eventually.Until(() => Inbound.IsProcessedAsync(SlackPlatform.Name, eventId), done => done, what: $"Slack event {eventId} handled");
        Assert.DoesNotContain(Logs.Lines, l => l.Level >= LogLevel.Warning && l.Message.Contains(eventId, StringComparison.Ordinal));
    }

    /// <summary>
    /// A mention of the bot in <paramref name="channel"/> at <paramref name="mentionTs"/>, its answer
    /// in the mention's thread, and a click on the answer's escalate button: the reference the answer
    /// is redrawn with (through the response_url named <paramref name="trigger"/>).
    /// </summary>
    public async Task<string> EscalateAsync(string channel, string question, string mentionTs, string trigger)
    {
        var before = Slack.Posts().Count(c => c.Channel == channel && c.HasEscalateButton);
        await EventAsync(SlackPayloads.Mention($"Ev{Guid.NewGuid():N}", channel, question, mentionTs));
        var answer = await Eventually.Until(
            () => Task.FromResult(Slack.Posts().Where(c => c.Channel == channel && c.HasEscalateButton).Skip(before).FirstOrDefault()), found => found is not null, what: "the answer");
        Assert.Equal(mentionTs, answer!.ThreadTs);
        var value = answer.Blocks.EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "actions")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray())
            .Single(e => e.GetProperty("action_id").GetString() == "escalate")
            .GetProperty("value").GetString()!;

        await InteractionAsync(SlackPayloads.Click(trigger, Slack.ResponseUrl(trigger), value, channel, await Slack.TsAsync(answer), threadTs: mentionTs));

        var receipt = await Slack.FirstAsync(c => c.Method == $"response:{trigger}", "the redrawn answer");
        return System.Text.RegularExpressions.Regex.Match(receipt.Blocks.GetRawText(), @"UPG-\d{8}-\d{4}").Value;
    }

    public static string Form(params (string Key, string Value)[] fields) =>
        string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));

    public static string Sign(string secret, string timestamp, string body) =>
        "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        if (OwnsSlack)
        {
            await Slack.DisposeAsync();
        }

        _temp.Dispose();
    }
}
