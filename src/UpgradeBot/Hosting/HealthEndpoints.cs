using UpgradeBot.Core.Storage;

namespace UpgradeBot.Hosting;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", Healthz);
        return app;
    }

    /// <summary>200 when the store answers, 503 otherwise: what a load balancer needs to route around a broken instance.</summary>
    private static async Task<IResult> Healthz(IStoreLifecycle store, CancellationToken cancellationToken)
    {
        bool healthy;
        try
        {
            healthy = await store.PingAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            healthy = false;
        }

        return healthy
            ? Results.Ok(new { status = "ok" })
            : Results.Json(new { status = "unavailable", reason = "the store does not answer" }, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
