using System.Net;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Background;
using UpgradeBot.Core.Messaging;
using UpgradeBot.Core.Subscriptions;
using UpgradeBot.Teams.Cards;

namespace UpgradeBot.Teams;

/// <summary>
/// Posts into Teams conversations from a stored <see cref="ConversationReference"/>, inside Teams'
/// rate limits. Throttling and gateway errors are retried with backoff and jitter; 403 (bot blocked
/// or removed) and 404 (conversation gone) are final.
/// </summary>
public sealed partial class TeamsMessenger : IChannelMessenger
{
    private readonly TeamsAdapter _adapter;
    private readonly TimeProvider _time;
    private readonly ILogger<TeamsMessenger> _logger;
    private readonly SendLimiter _limiter;
    private readonly DeliveryPolicy _retries;
    private readonly string? _appId;

    public TeamsMessenger(TeamsAdapter adapter, IConfiguration configuration, IOptions<TeamsOptions> options, TimeProvider time, ILogger<TeamsMessenger> logger)
    {
        _adapter = adapter;
        var limits = options.Value;
        _time = time;
        _logger = logger;
        _limiter = new SendLimiter(limits, time);
        _retries = new DeliveryPolicy(limits.MaxSendAttempts, limits.FirstRetryDelay, limits.MaxRetryDelay);
        _appId = configuration["MicrosoftAppId"];
    }

    public string Platform => TeamsActivities.Platform;

    /// <summary>The bot's app id (<c>MicrosoftAppId</c>), empty in local anonymous mode.</summary>
    public string AppId => _appId ?? string.Empty;

    public Task<SendResult> PostAsync(Subscription subscription, Announcement announcement, string? threadId, CancellationToken cancellationToken = default)
    {
        if (ReadReference(subscription) is not { } reference)
        {
            return Task.FromResult(Unreadable);
        }

        if (threadId is not null)
        {
            reference.Conversation.Id = $"{reference.Conversation.Id};messageid={threadId}";
        }

        var message = TeamsActivities.CardMessage(TeamsCards.Announcement(announcement));
        return SendAsync(reference, async (turn, token) => (await turn.SendActivityAsync(message, token).ConfigureAwait(false))?.Id, cancellationToken);
    }

    public Task<SendResult> UpdateAsync(Subscription subscription, string messageId, Announcement announcement, CancellationToken cancellationToken = default)
    {
        if (ReadReference(subscription) is not { } reference)
        {
            return Task.FromResult(Unreadable);
        }

        var message = TeamsActivities.CardMessage(TeamsCards.Announcement(announcement));
        message.Id = messageId;
        return SendAsync(reference, async (turn, token) => (await turn.UpdateActivityAsync(message, token).ConfigureAwait(false))?.Id ?? messageId, cancellationToken);
    }

    /// <summary>Runs <paramref name="send"/> in a proactive turn for <paramref name="reference"/>, limited and retried.</summary>
    internal async Task<SendResult> SendAsync(ConversationReference reference, Func<ITurnContext, CancellationToken, Task<string?>> send, CancellationToken cancellationToken)
    {
        var tenantId = reference.Conversation?.TenantId ?? string.Empty;
        var conversationId = reference.Conversation?.Id ?? string.Empty;
        for (var attempt = 1; ; attempt++)
        {
            await _limiter.WaitAsync(tenantId, conversationId, cancellationToken).ConfigureAwait(false);
            string? messageId = null;
            Exception? failure = null;

            // The failure is caught inside the turn: left to escape, the adapter's turn-error handler would swallow it and apologise into the conversation.
            await _adapter.ContinueConversationAsync(
                _appId,
                reference,
                async (turn, token) =>
                {
                    try
                    {
                        messageId = await send(turn, token).ConfigureAwait(false);
                    }
                    catch (Exception exception) when (exception is ErrorResponseException or HttpRequestException)
                    {
                        failure = exception;
                    }
                },
                cancellationToken).ConfigureAwait(false);

            if (failure is null)
            {
                return SendResult.Sent(messageId);
            }

            var status = (failure as ErrorResponseException)?.Response?.StatusCode;
            var retryAfter = RetryAfter(failure as ErrorResponseException);
            if (status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
            {
                LogPermanent(tenantId, conversationId, (int)status.Value);
                return new SendResult(SendStatus.Permanent, Error: $"Teams answered {(int)status.Value}: the bot can no longer post in this conversation.");
            }

            var retryable = status is null or HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout;
            var error = status is null ? "Teams could not be reached." : $"Teams answered {(int)status.Value}.";
            if (!retryable || attempt >= _retries.MaxAttempts)
            {
                LogGaveUp(tenantId, conversationId, (int?)status, attempt);
                return new SendResult(SendStatus.Transient, RetryAfter: retryAfter, Error: error);
            }

            var delay = _retries.RetryDelay(attempt, Random.Shared.NextDouble(), retryAfter);
            LogRetrying(tenantId, conversationId, (int?)status, attempt, delay);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static SendResult Unreadable { get; } = new(SendStatus.Permanent, Error: "The stored conversation reference cannot be read.");

    private static ConversationReference? ReadReference(Subscription subscription)
    {
        try
        {
            return JsonConvert.DeserializeObject<ConversationReference>(subscription.ConversationReference) is { Conversation.Id: not null, ServiceUrl: not null } reference
                ? reference
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static TimeSpan? RetryAfter(ErrorResponseException? exception)
    {
        if (exception?.Response?.Headers is not { } headers || !headers.TryGetValue("Retry-After", out var values))
        {
            return null;
        }

        return int.TryParse(values.FirstOrDefault(), out var seconds) && seconds >= 0 ? TimeSpan.FromSeconds(seconds) : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams refused a proactive send for good ({StatusCode}) in tenant {TenantId}, conversation {ConversationId}")]
    private partial void LogPermanent(string tenantId, string conversationId, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams proactive send failed ({StatusCode}) in tenant {TenantId}, conversation {ConversationId} after {Attempts} attempts")]
    private partial void LogGaveUp(string tenantId, string conversationId, int? statusCode, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams proactive send got {StatusCode} in tenant {TenantId}, conversation {ConversationId}; attempt {Attempt}, retrying in {Delay}")]
    private partial void LogRetrying(string tenantId, string conversationId, int? statusCode, int attempt, TimeSpan delay);
}
