namespace UpgradeBot.Slack.Inbound;

/// <summary>The one field of the event the ack reads: its channel, when it is a plain id.</summary>
internal sealed record EventHead(JsonElement? Channel)
{
    public string? ChannelId => Channel is { ValueKind: JsonValueKind.String } channel ? channel.GetString() : null;
}
