namespace UpgradeBot.Core.Messaging;

/// <summary>
/// The one outbound port: each platform (Teams, Slack) and each sink (the webhook) sends through
/// it. Implementations keep their platform's rate limits in front of the call, render the
/// channel-neutral <see cref="MessageContent"/> in their own format, never throw for a refusal or
/// an outage, and never retry: they report a <see cref="SendResult"/> and the caller's outbox retries.
/// </summary>
public interface IMessenger
{
    /// <summary>"teams", "slack", "webhook": matches <c>ConversationKey.Platform</c> and the escalation outbox's destination names.</summary>
    string Platform { get; }

    /// <summary>Where Customer Champions read escalations on this platform; null when none is configured.</summary>
    ConversationAddress? Champions { get; }

    Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken = default);
}
