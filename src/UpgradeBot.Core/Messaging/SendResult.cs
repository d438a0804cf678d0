namespace UpgradeBot.Core.Messaging;

/// <summary>
/// What became of one outbound call (a chat post or update, a webhook, a ticket): the one result
/// every <see cref="IMessenger"/> returns. Messengers only classify; the outboxes decide about retries.
/// </summary>
/// <param name="MessageId">The platform's id of the posted message, for later updates and thread replies.</param>
/// <param name="RetryAfter">For <see cref="SendOutcome.RetryLater"/>: the earliest retry the platform (or our own rate limiter) allows.</param>
/// <param name="Attempted">
/// False when nothing was sent because our own rate limiter held the call back: not a failed
/// attempt, so it does not count towards giving up.
/// </param>
/// <param name="CustomerSpacing">
/// For a send our own limiter held back because the whole customer (a workspace, a tenant) is at
/// its rate, not only this conversation: how far apart that customer's sends are.
/// </param>
/// <param name="ConversationGone">
/// For <see cref="SendOutcome.Permanent"/>: the conversation itself is gone for the bot (removed,
/// blocked, archived), so nothing more should be sent there — not merely this one message refused.
/// </param>
public sealed record SendResult(
    SendOutcome Outcome,
    string? MessageId = null,
    TimeSpan? RetryAfter = null,
    string? Error = null,
    bool Attempted = true,
    bool ConversationGone = false,
    TimeSpan? CustomerSpacing = null)
{
    public static SendResult Sent(string? messageId = null) => new(SendOutcome.Sent, messageId);

    public static SendResult RetryLater(string error, TimeSpan? retryAfter = null) => new(SendOutcome.RetryLater, RetryAfter: retryAfter, Error: error);

    public static SendResult Permanent(string error) => new(SendOutcome.Permanent, Error: error);

    public static SendResult Gone(string error) => new(SendOutcome.Permanent, Error: error, ConversationGone: true);

    /// <summary>
    /// Our own limiter says this conversation or customer may not be sent to for <paramref name="wait"/>;
    /// <paramref name="customerSpacing"/> when it held back the whole customer.
    /// </summary>
    public static SendResult Throttled(TimeSpan wait, TimeSpan? customerSpacing = null) =>
        new(SendOutcome.RetryLater, RetryAfter: wait, Error: "held back by the rate limit", Attempted: false, CustomerSpacing: customerSpacing);

    public bool IsSent => Outcome == SendOutcome.Sent;
}
