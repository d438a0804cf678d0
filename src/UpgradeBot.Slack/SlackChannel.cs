using System.Text.Json;
using UpgradeBot.Core.Subscriptions;

namespace UpgradeBot.Slack;

/// <summary>Names shared by the Slack adapter's parts.</summary>
public static class SlackChannel
{
    /// <summary><see cref="ConversationKey.Platform"/>, inbound queue platform and champion destination.</summary>
    public const string Platform = "slack";

    public static ConversationKey Key(string teamId, string channelId) => new(Platform, teamId, channelId);
}

/// <summary>What a subscription keeps to post into a Slack channel later (the opaque conversation reference).</summary>
public sealed record SlackConversation(string TeamId, string ChannelId)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    /// <summary>Null when the stored reference is not ours or is damaged.</summary>
    public static SlackConversation? Parse(string reference)
    {
        try
        {
            return JsonSerializer.Deserialize<SlackConversation>(reference, Json) is { TeamId.Length: > 0, ChannelId.Length: > 0 } conversation
                ? conversation
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
