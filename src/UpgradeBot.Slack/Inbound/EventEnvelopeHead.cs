namespace UpgradeBot.Slack.Inbound;

/// <summary>
/// Just what the ack of an Events API request (<c>url_verification</c>, <c>event_callback</c>) needs. The event itself is read by the worker after the ack, so the request
/// path skips over it instead of materializing it.
/// </summary>
internal sealed record EventEnvelopeHead(string? Type, string? Challenge, string? EventId, string? TeamId, EventHead? Event)
{
    /// <summary>The conversation the event belongs to, so its events are handled in order and one at a time.</summary>
    public string Lane => (TeamId, Event?.ChannelId) switch
    {
        ({ } team, { } channel) => $"{team}/{channel}",
        ({ } team, null) => team,
        _ => EventId ?? string.Empty,
    };
}
