using System.Net;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Rest;
using Newtonsoft.Json;
using UpgradeBot.Core.Diagnostics;
using UpgradeBot.Core.Subscriptions;
using UpgradeBot.Teams.Inbound;

namespace UpgradeBot.Teams.Outbound;

/// <summary>
/// Posts into Teams conversations from a stored <see cref="ConversationReference"/>, inside Teams'
/// rate limits (<see cref="TeamsLimits"/>). Classifies what Teams answered and does not retry:
/// 403 (bot blocked or removed) and 404 (conversation gone) mean the conversation is gone; 429,
/// 412 and gateway errors are worth another try later, which is the outbox's decision.
/// </summary>
public sealed partial class TeamsMessenger(
    TeamsAdapter adapter,
    IRateLimiter limiter,
    IConfiguration configuration,
    IOptions<TeamsOptions> options,
    IOptionsMonitor<TeamsChampionsOptions> champions,
    TimeProvider time,
    ILogger<TeamsMessenger> logger) : IMessenger
{
    private readonly string? _appId = configuration["MicrosoftAppId"];
    private readonly TeamsLimits _limits = new(options.Value);

    public string Platform => TeamsPlatform.Name;

    /// <summary>Read at each send: a host that learns its own address only once it listens (the playground) sets the service URL then.</summary>
    public ConversationAddress? Champions => champions.CurrentValue.Address(_appId);

    public async Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        if (ReadReference(message.To.Reference) is not { } reference)
        {
            return SendResult.Gone("The stored conversation reference cannot be read.");
        }

        var tenantId = reference.Conversation.TenantId ?? message.To.Key.TenantId;
        var conversationId = reference.Conversation.Id;
        var slot = await limiter.ReserveAsync(_limits.For(tenantId, conversationId), message.MaxWait ?? _limits.MaxWait, cancellationToken).ConfigureAwait(false);
        if (!slot.Granted)
        {
            return SendResult.Throttled(slot.Wait);
        }

        if (slot.Wait > TimeSpan.Zero)
        {
            await Task.Delay(slot.Wait, time, cancellationToken).ConfigureAwait(false);
        }
        if (message.ThreadId is not null)
        {
            reference.Conversation.Id = $"{conversationId};messageid={message.ThreadId}";
        }

        var activity = TeamsActivities.CardMessage(TeamsCards.Render(message.Content));
        string? messageId = null;
        Exception? failure = null;
        var started = time.GetTimestamp();

        // The failure is caught inside the turn: left to escape, the adapter's turn-error handler would swallow it and apologise into the conversation.
        await adapter.ContinueConversationAsync(
            _appId,
            reference,
            async (turn, token) =>
            {
                try
                {
                    if (message.Replaces is { } replaced)
                    {
                        activity.Id = replaced;
                        messageId = (await turn.UpdateActivityAsync(activity, token).ConfigureAwait(false))?.Id ?? replaced;
                    }
                    else
                    {
                        messageId = (await turn.SendActivityAsync(activity, token).ConfigureAwait(false))?.Id;
                    }
                }
                catch (Exception exception) when (!token.IsCancellationRequested)
                {
                    failure = exception;
                }
            },
            cancellationToken).ConfigureAwait(false);

        BotMetrics.PlatformCallDuration.Record(
            time.GetElapsedTime(started).TotalSeconds,
            BotMetrics.Tags(Platform, failure is null ? "ok" : (failure as ErrorResponseException)?.Response?.StatusCode.ToString() ?? "unreachable"));
        return failure is null ? SendResult.Sent(messageId) : await ClassifyAsync(failure, tenantId, conversationId, slot.At, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SendResult> ClassifyAsync(Exception failure, string tenantId, string conversationId, DateTimeOffset bookedAt, CancellationToken cancellationToken)
    {
        var response = (failure as ErrorResponseException)?.Response;
        var status = response?.StatusCode;
        if (status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            LogGone(tenantId, conversationId, (int)status.Value);
            return SendResult.Gone($"Teams answered {(int)status.Value}: the bot can no longer post in this conversation.");
        }

        var retryAfter = RetryAfter(response);
        if (status is HttpStatusCode.TooManyRequests)
        {
            BotMetrics.RateLimited.Add(1, new KeyValuePair<string, object?>("platform", Platform));
            // The conversation waits out Retry-After; the tenant, whose cap Teams does not publish, slows down.
            await limiter.ThrottledAsync(TeamsLimits.ConversationKey(conversationId), retryAfter ?? TimeSpan.FromSeconds(1), _limits.Tenant(tenantId), bookedAt, cancellationToken).ConfigureAwait(false);
        }

        if (status is null or HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed or HttpStatusCode.RequestTimeout || (int)status >= 500)
        {
            LogRetryLater(tenantId, conversationId, (int?)status, failure.GetType().Name);
            return SendResult.RetryLater(status is null ? "Teams could not be reached." : $"Teams answered {(int)status.Value}.", retryAfter);
        }

        LogRefused(tenantId, conversationId, (int)status.Value);
        return SendResult.Permanent($"Teams refused the message ({(int)status.Value}).");
    }

    /// <summary>Null when the stored reference is not one we wrote (damaged, another platform's).</summary>
    private static ConversationReference? ReadReference(string serialized)
    {
        try
        {
            return JsonConvert.DeserializeObject<ConversationReference>(serialized) is { Conversation.Id: not null, ServiceUrl: not null } reference
                ? reference
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessageWrapper? response)
    {
        if (response?.Headers is not { } headers || !headers.TryGetValue("Retry-After", out var values))
        {
            return null;
        }

        return int.TryParse(values.FirstOrDefault(), out var seconds) && seconds >= 0 ? TimeSpan.FromSeconds(seconds) : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams refused a proactive send for good ({StatusCode}) in tenant {TenantId}, conversation {ConversationId}")]
    private partial void LogGone(string tenantId, string conversationId, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams refused a proactive message ({StatusCode}) in tenant {TenantId}, conversation {ConversationId}")]
    private partial void LogRefused(string tenantId, string conversationId, int statusCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams proactive send in tenant {TenantId}, conversation {ConversationId} failed ({StatusCode}, {Failure}); the outbox will retry")]
    private partial void LogRetryLater(string tenantId, string conversationId, int? statusCode, string failure);
}
