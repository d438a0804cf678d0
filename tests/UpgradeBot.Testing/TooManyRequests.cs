using Microsoft.AspNetCore.Http;

namespace UpgradeBot.Testing;

/// <summary>A 429 with <c>Retry-After</c> (in seconds) and a JSON body, as both platforms send it.</summary>
public sealed class TooManyRequests(object body, int retryAfterSeconds = 1) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return httpContext.Response.WriteAsJsonAsync(body);
    }
}
