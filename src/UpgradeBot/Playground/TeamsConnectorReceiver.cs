using UpgradeBot.Teams;

namespace UpgradeBot.Playground;

/// <summary>
/// The part of the Bot Connector the bot posts to, under the playground: the page sends its
/// activities with this as their <c>serviceUrl</c>, so the bot's replies, proactive posts and
/// updates (sent exactly as to Teams) land here and go to the page through the <see cref="PlaygroundFeed"/>.
/// </summary>
internal static class TeamsConnectorReceiver
{
    public const string Path = "/playground/teams";

    private const string ThreadMarker = ";messageid=";

    public static void Map(IEndpointRouteBuilder app)
    {
        var activities = app.MapGroup(Path + "/v3/conversations/{conversationId}/activities");
        activities.MapPost(string.Empty, (string conversationId, HttpRequest request, PlaygroundFeed feed) =>
            ReceiveAsync(conversationId, PlaygroundPost.New, null, request, feed));
        activities.MapPost("{activityId}", (string conversationId, HttpRequest request, PlaygroundFeed feed) =>
            ReceiveAsync(conversationId, PlaygroundPost.New, null, request, feed));
        activities.MapPut("{activityId}", (string conversationId, string activityId, HttpRequest request, PlaygroundFeed feed) =>
            ReceiveAsync(conversationId, PlaygroundPost.Edit, activityId, request, feed));
    }

    /// <summary>
    /// A new message (a reply to an activity is one too), or an update of <paramref name="updated"/>;
    /// a conversation id ending in <c>;messageid=…</c> is a thread of a channel.
    /// </summary>
    private static async Task<IResult> ReceiveAsync(string conversationId, string kind, string? updated, HttpRequest request, PlaygroundFeed feed)
    {
        var received = await ReceivedJson.ReadAsync(request).ConfigureAwait(false);
        if (received.Json is not { } activity)
        {
            return received.Refusal("Not an activity", "Expected a Bot Framework activity as JSON");
        }

        var (conversation, thread) = Split(conversationId);
        var id = updated ?? $"playground-{feed.NextMessageNumber()}";
        feed.Add(TeamsPlatform.Name, conversation, kind, id, thread, updated is null ? WithId(activity, id) : activity);
        return Results.Json(new { id });
    }

    private static (string Conversation, string? Thread) Split(string conversationId)
    {
        var marker = conversationId.IndexOf(ThreadMarker, StringComparison.OrdinalIgnoreCase);
        return marker < 0 ? (conversationId, null) : (conversationId[..marker], conversationId[(marker + ThreadMarker.Length)..]);
    }

    /// <summary>The activity as Teams would show it: with the id the connector gave it, which clicks on its card send back as replyToId.</summary>
    private static JsonElement WithId(JsonElement activity, string id)
    {
        var node = System.Text.Json.Nodes.JsonObject.Create(activity)!;
        node["id"] = id;
        return JsonSerializer.SerializeToElement(node);
    }
}
