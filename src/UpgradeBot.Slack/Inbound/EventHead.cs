namespace UpgradeBot.Slack.Inbound;

/// <summary>The fields of the event the ack reads, each only when it is a plain string: its type and channel.</summary>
internal sealed record EventHead(JsonElement? Type, JsonElement? Channel)
{
    public string? TypeName => Type is { ValueKind: JsonValueKind.String } type ? type.GetString() : null;

    public string? ChannelId => Channel is { ValueKind: JsonValueKind.String } channel ? channel.GetString() : null;
}
