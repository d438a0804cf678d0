using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using UpgradeBot.Slack;

namespace UpgradeBot.Playground;

/// <summary>
/// The methods of Slack's Web API the bot calls, and response_url, under the playground: with
/// <c>Slack:ApiBaseUrl</c> pointed here the bot posts exactly as to Slack, and what it posts goes to
/// the page through the <see cref="PlaygroundFeed"/>. Answers the way Slack does: HTTP 200 with
/// <c>ok</c> and an <c>error</c> code, the token checked on every call.
/// </summary>
internal static class SlackApiReceiver
{
    public const string ApiPath = "/playground/slack/api";

    /// <summary>The page's block_actions carry <c>{ResponsePath}/{channel}/{ts}</c> as response_url: the message a response replaces.</summary>
    public const string ResponsePath = "/playground/slack/response";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(ApiPath + "/{method}", CallAsync);
        app.MapPost(ResponsePath + "/{channel}/{ts}", RespondAsync);
    }

    private static async Task<IResult> CallAsync(string method, HttpRequest request, PlaygroundFeed feed, PlaygroundSettings settings, TimeProvider time)
    {
        if (!HasToken(request, settings.BotToken))
        {
            return Error("invalid_auth");
        }

        if ((await ReceivedJson.ReadAsync(request).ConfigureAwait(false)).Json is not { } body)
        {
            return Error("invalid_json");
        }

        var channel = ReceivedJson.String(body, "channel");
        switch (method)
        {
            case "auth.test":
                return Results.Json(new
                {
                    ok = true,
                    url = "https://playground.slack.invalid/",
                    team = "Playground",
                    user = "upgradebot",
                    team_id = PlaygroundConversations.SlackTeam,
                    user_id = PlaygroundConversations.SlackBotUser,
                    bot_id = PlaygroundConversations.SlackBot,
                });
            case "chat.postMessage" when channel is not null:
                var ts = Ts(feed, time);
                feed.Add(SlackPlatform.Name, channel, PlaygroundPost.New, ts, ReceivedJson.String(body, "thread_ts"), body);
                return Results.Json(new { ok = true, channel, ts, message = new { type = "message", text = ReceivedJson.String(body, "text"), user = PlaygroundConversations.SlackBotUser, bot_id = PlaygroundConversations.SlackBot, ts } });
            case "chat.update" when channel is not null && ReceivedJson.String(body, "ts") is { } updated:
                feed.Add(SlackPlatform.Name, channel, PlaygroundPost.Edit, updated, null, body);
                return Results.Json(new { ok = true, channel, ts = updated, text = ReceivedJson.String(body, "text") });
            case "chat.update":
                return Error(channel is null ? "channel_not_found" : "message_not_found");
            case "chat.postEphemeral" when channel is not null:
                var messageTs = Ts(feed, time);
                feed.Add(SlackPlatform.Name, channel, PlaygroundPost.Ephemeral, messageTs, ReceivedJson.String(body, "thread_ts"), body);
                return Results.Json(new { ok = true, message_ts = messageTs });
            case "chat.postMessage" or "chat.postEphemeral":
                return Error("channel_not_found");
            default:
                return Error("unknown_method");
        }
    }

    /// <summary>
    /// A response to a click: it replaces the message the button was on, or with
    /// <c>response_type: in_channel</c> is a new message, or else is seen by the clicker alone.
    /// </summary>
    private static async Task<IResult> RespondAsync(string channel, string ts, HttpRequest request, PlaygroundFeed feed, TimeProvider time)
    {
        var received = await ReceivedJson.ReadAsync(request).ConfigureAwait(false);
        if (received.Json is not { } body)
        {
            return Results.Json(new { ok = false, error = "invalid_payload", problem = received.Problem }, statusCode: received.StatusCode);
        }

        if (ReceivedJson.True(body, "replace_original"))
        {
            feed.Add(SlackPlatform.Name, channel, PlaygroundPost.Edit, ts, null, body);
        }
        else
        {
            var inChannel = ReceivedJson.String(body, "response_type") == "in_channel";
            feed.Add(SlackPlatform.Name, channel, inChannel ? PlaygroundPost.New : PlaygroundPost.Ephemeral, Ts(feed, time), null, body);
        }

        return Results.Json(new { ok = true });
    }

    /// <summary>Slack's message ids: Unix seconds and a six-digit part, unique in the channel.</summary>
    private static string Ts(PlaygroundFeed feed, TimeProvider time) =>
        string.Create(CultureInfo.InvariantCulture, $"{time.GetUtcNow().ToUnixTimeSeconds()}.{feed.NextMessageNumber() % 1_000_000:D6}");

    private static bool HasToken(HttpRequest request, string token) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(request.Headers.Authorization.ToString()),
            Encoding.UTF8.GetBytes("Bearer " + token));

    private static IResult Error(string error) => Results.Json(new { ok = false, error });
}
