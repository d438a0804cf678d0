namespace UpgradeBot.Core.Messaging;

public static class MessengerExtensions
{
    /// <summary>
    /// Sends, treating a messenger that throws anyway as passing trouble: the outbox retries the row
    /// rather than losing it or stopping the other rows of its batch.
    /// </summary>
    public static async Task<SendResult> TrySendAsync(this IMessenger messenger, OutboundMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await messenger.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return SendResult.RetryLater($"{e.GetType().Name}: {e.Message}");
        }
    }
}
