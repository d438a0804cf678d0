namespace UpgradeBot.Slack.Inbound;

/// <summary>
/// The fields of the events the bot subscribes to. <see cref="Channel"/> stays raw: most events carry
/// a channel id string, some (channel_created) an object, and one unexpected shape must not make
/// the whole envelope unreadable.
/// </summary>
internal sealed record SlackEvent(
    string? Type,
    string? Subtype,
    string? User,
    string? BotId,
    string? Text,
    string? Ts,
    string? ThreadTs,
    string? ChannelType,
    JsonElement? Channel,
    string? Team,
    RevokedTokens? Tokens,
    string? Tab = null,
    IReadOnlyList<string>? TeamIds = null)
{
    public string? ChannelId => Channel is { ValueKind: JsonValueKind.String } channel ? channel.GetString() : null;
}
