using System.Text.Json.Nodes;

namespace UpgradeBot.Testing;

/// <summary>Activities shaped like the ones Teams sends, addressed to a fake connector.</summary>
public sealed class Activities(string serviceUrl)
{
    public const string BotId = "28:upgradebot";
    public const string BotName = "UpgradeBot";
    public const string TenantId = "tenant-1";

    private int _next;

    public JsonObject Personal(string text, string conversationId = "a:personal-1") =>
        Base("message", conversationId, "personal", text);

    public JsonObject Channel(string text, bool mention, string conversationId = "19:channel-1@thread.tacv2;messageid=1700000000000")
    {
        var activity = Base("message", conversationId, "channel", mention ? $"<at>{BotName}</at> {text}" : text);
        if (mention)
        {
            activity["entities"] = new JsonArray(new JsonObject
            {
                ["type"] = "mention",
                ["text"] = $"<at>{BotName}</at>",
                ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = BotName },
            });
        }

        return activity;
    }

    public JsonObject BotAdded(string conversationId, string conversationType = "channel")
    {
        var activity = Base("conversationUpdate", conversationId, conversationType, null);
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = BotId });
        return activity;
    }

    public JsonObject BotRemoved(string conversationId, string conversationType = "channel")
    {
        var activity = Base("conversationUpdate", conversationId, conversationType, null);
        activity["membersRemoved"] = new JsonArray(new JsonObject { ["id"] = BotId });
        return activity;
    }

    public JsonObject Installation(string action, string conversationId, string conversationType = "groupChat")
    {
        var activity = Base("installationUpdate", conversationId, conversationType, null);
        activity["action"] = action;
        return activity;
    }

    public JsonObject Invoke(string name, JsonNode? value, string conversationId = "a:personal-1", string conversationType = "personal")
    {
        var activity = Base("invoke", conversationId, conversationType, null);
        activity["name"] = name;
        activity["value"] = value;
        return activity;
    }

    /// <summary>The invoke Teams sends when an <c>Action.Execute</c> is clicked.</summary>
    public JsonObject Execute(string verb, JsonNode? data, string conversationId = "a:personal-1", string conversationType = "personal") =>
        Invoke("adaptiveCard/action", new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        }, conversationId, conversationType);

    /// <summary>The same activity as sent by someone else of the tenant.</summary>
    public static JsonObject From(JsonObject activity, string userId, string name)
    {
        activity["from"] = new JsonObject { ["id"] = userId, ["name"] = name, ["aadObjectId"] = $"aad-{userId}" };
        return activity;
    }

    /// <summary>
    /// An <c>Action.Execute</c> click by someone else in a channel thread: a Customer Champion on
    /// the post in their channel (<paramref name="conversationId"/> names the thread, <c>…;messageid=…</c>).
    /// </summary>
    public JsonObject ExecuteInChannel(string verb, JsonNode? data, string conversationId, string userId = "29:champion-1", string name = "Bea Champion", string aadObjectId = "aad-champion-1")
    {
        var activity = Execute(verb, data, conversationId);
        activity["conversation"]!["conversationType"] = "channel";
        activity["conversation"]!["isGroup"] = true;
        activity["from"] = new JsonObject { ["id"] = userId, ["name"] = name, ["aadObjectId"] = aadObjectId };
        return activity;
    }

    /// <summary>The invoke a card with <c>refresh</c> sends by itself when its user looks at it.</summary>
    public JsonObject Refresh(string verb, JsonNode? data, string conversationId = "a:personal-1")
    {
        var activity = Execute(verb, data, conversationId);
        activity["value"]!["trigger"] = "automatic";
        return activity;
    }

    /// <summary>An escalate click on a Licensing-graphs answer: an invoke, answered in the HTTP response with no call to the connector.</summary>
    public JsonObject EscalateLicensingGraphs() =>
        Execute("escalate", new JsonObject
        {
            ["topic"] = "licensing-graphs",
            ["verdict"] = "not-upgrade-related",
            ["upgradeId"] = null,
            ["question"] = "the licensing graphs look wrong",
            ["askedAt"] = "2027-04-02T11:00:00+00:00",
        });

    /// <summary>The message Teams sends when an <c>Action.Submit</c> on the card <paramref name="replyToId"/> is clicked.</summary>
    public JsonObject Submit(JsonNode data, string replyToId, string conversationId = "a:personal-1")
    {
        var activity = Base("message", conversationId, "personal", null);
        activity["value"] = data;
        activity["replyToId"] = replyToId;
        return activity;
    }

    private JsonObject Base(string type, string conversationId, string conversationType, string? text)
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = $"act-{Interlocked.Increment(ref _next)}",
            ["timestamp"] = "2027-03-23T12:00:00.000Z",
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = "29:user-1", ["name"] = "Alex Admin", ["aadObjectId"] = "aad-user-1" },
            ["conversation"] = new JsonObject
            {
                ["id"] = conversationId,
                ["conversationType"] = conversationType,
                ["tenantId"] = TenantId,
                ["isGroup"] = conversationType != "personal",
            },
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = BotName },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
            ["locale"] = "en-US",
        };
        if (text is not null)
        {
            activity["text"] = text;
        }

        return activity;
    }
}
