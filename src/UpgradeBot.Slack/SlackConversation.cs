using System.Text.Json;

namespace UpgradeBot.Slack;

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
            return JsonSerializer.Deserialize<SlackConversation>(reference, Json) is { TeamId: not null, ChannelId.Length: > 0 } conversation
                ? conversation
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
