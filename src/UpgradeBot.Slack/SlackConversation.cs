namespace UpgradeBot.Slack;

/// <summary>
/// What a subscription keeps to post into a Slack channel later (the opaque conversation reference):
/// the workspace, the channel and, in an Enterprise Grid organization, the organization, so a post
/// finds an org-wide installation too.
/// </summary>
public sealed record SlackConversation(
    string TeamId,
    string ChannelId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EnterpriseId = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The installations that can post here.</summary>
    public SlackInstallationQuery Installation => new(EnterpriseId, TeamId.Length > 0 ? TeamId : null);

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
