using Microsoft.AspNetCore.Http;
using UpgradeBot.Core.Inbound;

namespace UpgradeBot.Slack.Verification;

/// <summary>
/// Runs before every Slack endpoint: reads the raw body (at most 1 MiB, else 413), checks Slack's
/// signature over it (else 401) and hands the verified bytes to the handler through
/// <see cref="VerifiedBody"/>. A refused request reaches no handler, store or Slack call.
/// </summary>
internal sealed partial class SlackRequestFilter(IOptionsMonitor<SlackOptions> options, TimeProvider time, ILogger<SlackRequestFilter> logger) : IEndpointFilter
{
    public const int MaxBodyBytes = 1024 * 1024;
    private static readonly object BodyKey = new();

    public static ReadOnlyMemory<byte> VerifiedBody(HttpContext context) =>
        context.Items[BodyKey] as byte[] ?? throw new InvalidOperationException("The Slack request filter did not run for this endpoint.");

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var body = await BoundedBody.ReadAsync(http.Request.Body, http.Request.ContentLength, MaxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            LogRefused(http.Request.Path, "body over 1 MiB");
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var check = SlackSignature.Verify(
            options.CurrentValue.SigningSecret,
            http.Request.Headers[SlackSignature.TimestampHeader],
            http.Request.Headers[SlackSignature.SignatureHeader],
            body,
            time.GetUtcNow());
        if (check != SignatureCheck.Valid)
        {
            if (check == SignatureCheck.NoSecret)
            {
                LogNoSecret();
            }

            LogRefused(http.Request.Path, check.ToString());
            return Results.Unauthorized();
        }

        http.Items[BodyKey] = body;
        return await next(context).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Slack request to {Path}: {Reason}")]
    private partial void LogRefused(string path, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack:SigningSecret is empty, so every Slack request is refused. Set it to the app's Signing Secret (Basic Information page)")]
    private partial void LogNoSecret();
}
