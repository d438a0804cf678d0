using System.Globalization;
using UpgradeBot.Core.Announcements;

namespace UpgradeBot.Playground;

/// <summary>
/// What the page itself calls besides the bot's real endpoints: who it plays (<c>session</c>), what
/// the bot sent (<c>feed</c>), the demo scenario, and "announce now". The bot is never called
/// through these; the page talks to it at <c>/api/messages</c> and <c>/api/slack/*</c> like the platforms.
/// </summary>
internal static class PlaygroundEndpoints
{
    public const string PagePath = "/playground";

    /// <summary>How long a read of the feed waits for the bot's next post before answering with none.</summary>
    private static readonly TimeSpan FeedWait = TimeSpan.FromSeconds(25);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(PagePath, PlaygroundPage.Page);
        app.MapGet(PagePath + "/assets/{name}", PlaygroundPage.Asset);
        app.MapGet(PagePath + "/session", SessionAsync);
        app.MapGet(PagePath + "/feed", FeedAsync);
        app.MapPost(PagePath + "/demo", ChooseDemoAsync);
        app.MapPost(PagePath + "/announce", AnnounceAsync);
        TeamsConnectorReceiver.Map(app);
        SlackApiReceiver.Map(app);
    }

    /// <summary>
    /// Everything the page needs to play both platforms. The Slack signing secret is in it because
    /// the page plays Slack, which signs; it is the playground's own, made up at this start.
    /// </summary>
    private static async Task<IResult> SessionAsync(HttpContext http, PlaygroundSettings settings, PlaygroundFeed feed, PlaygroundAnnouncer announcer, PlaygroundMode mode, DemoSchedule demo) =>
        Results.Json(new
        {
            feed = feed.Last,
            subscribed = await announcer.SubscribedAsync(http.RequestAborted).ConfigureAwait(false),
            teams = new
            {
                serviceUrlPath = TeamsConnectorReceiver.Path + "/",
                tenant = PlaygroundConversations.TeamsTenant,
                team = PlaygroundConversations.TeamsTeam,
                bot = new { id = PlaygroundConversations.TeamsBot, name = "UpgradeBot" },
                user = new { id = PlaygroundConversations.TeamsUser, aadObjectId = PlaygroundConversations.TeamsUserObjectId, name = PlaygroundConversations.UserName },
                chat = PlaygroundConversations.TeamsChat,
                announcements = PlaygroundConversations.TeamsAnnouncements,
                champions = PlaygroundConversations.TeamsChampions,
            },
            slack = new
            {
                signingSecret = settings.SigningSecret,
                responsePath = SlackApiReceiver.ResponsePath,
                team = PlaygroundConversations.SlackTeam,
                botUser = PlaygroundConversations.SlackBotUser,
                bot = PlaygroundConversations.SlackBot,
                user = new { id = PlaygroundConversations.SlackUser, name = PlaygroundConversations.UserName },
                chat = PlaygroundConversations.SlackChat,
                announcements = PlaygroundConversations.SlackAnnouncements,
                champions = PlaygroundConversations.SlackChampions,
            },
            demo = !mode.DemoSchedule
                ? null
                : new { scenario = demo.Scenario.Id, scenarios = DemoScenario.All.Select(s => new { id = s.Id, label = s.Label }) },
            announcementKinds = Enum.GetValues<AnnouncementKind>().Select(k => k.ToWire()),
        });

    private static async Task<IResult> FeedAsync(HttpContext http, PlaygroundFeed feed, TimeProvider time, IHostApplicationLifetime lifetime)
    {
        var after = http.Request.Query["after"].ToString();
        if (!long.TryParse(after.Length == 0 ? "0" : after, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return Results.Problem("after must be a post's sequence number.", statusCode: StatusCodes.Status400BadRequest, title: "Bad feed position");
        }

        // A waiting read must not hold up the host's shutdown.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            return Results.Json(new { posts = await feed.AfterAsync(sequence, FeedWait, time, stop.Token).ConfigureAwait(false) });
        }
        catch (OperationCanceledException)
        {
            return Results.Json(new { posts = Array.Empty<PlaygroundPost>() });
        }
    }

    private static async Task<IResult> ChooseDemoAsync(HttpRequest request, PlaygroundMode mode, DemoSchedule demo)
    {
        if (!mode.DemoSchedule)
        {
            return Results.Problem("The demo schedule is off (Playground:DemoSchedule).", statusCode: StatusCodes.Status404NotFound, title: "No demo schedule");
        }

        var received = await ReceivedJson.ReadAsync(request).ConfigureAwait(false);
        if (received.Json is not { } body)
        {
            return received.Refusal("Bad demo choice", "Expected {\"scenario\": \"…\"}");
        }

        return demo.TryChoose(ReceivedJson.String(body, "scenario"))
            ? Results.Json(new { scenario = demo.Scenario.Id })
            : Results.Problem(
                $"scenario must be one of {string.Join(", ", DemoScenario.All.Select(s => s.Id))}.",
                statusCode: StatusCodes.Status400BadRequest,
                title: "Unknown demo scenario");
    }

    private static async Task<IResult> AnnounceAsync(HttpRequest request, PlaygroundAnnouncer announcer)
    {
        var received = await ReceivedJson.ReadAsync(request).ConfigureAwait(false);
        var expected = $"Expected {{\"kind\": \"…\"}} with one of {string.Join(", ", Enum.GetValues<AnnouncementKind>().Select(k => k.ToWire()))}";
        if (received.Json is not { } body)
        {
            return received.Refusal("Bad announcement request", expected);
        }

        AnnouncementKind kind;
        try
        {
            kind = AnnouncementKindNames.Parse(ReceivedJson.String(body, "kind") ?? string.Empty);
        }
        catch (FormatException e)
        {
            return Results.Problem($"{expected}; {e.Message}", statusCode: StatusCodes.Status400BadRequest, title: "Unknown announcement kind");
        }

        return Results.Json(new { kind = kind.ToWire(), posted = await announcer.AnnounceAsync(kind, request.HttpContext.RequestAborted).ConfigureAwait(false) });
    }
}
