using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace UpgradeBot.Testing;

/// <summary>A Customer Champions webhook receiver on 127.0.0.1 that can be down for its first requests, or for good.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private WebhookReceiver(WebApplication app) => _app = app;

    public sealed record Delivery(byte[] Body, string? Signature, string? Timestamp, string? Reference, string? Event = null);

    public ConcurrentQueue<Delivery> Received { get; } = new();

    /// <summary>How many requests get a 503 before the receiver starts accepting; int.MaxValue = never recovers.</summary>
    public int FailFirst { get; set; }

    public int Requests => _requests;

    public string Url { get; private set; } = string.Empty;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            var attempt = Interlocked.Increment(ref receiver._requests);
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            if (attempt <= receiver.FailFirst)
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            receiver.Received.Enqueue(new Delivery(
                body.ToArray(),
                request.Headers["X-UpgradeBot-Signature"],
                request.Headers["X-UpgradeBot-Timestamp"],
                request.Headers["X-UpgradeBot-Reference"],
                request.Headers["X-UpgradeBot-Event"]));
            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address.TrimEnd('/') + "/hook";
        return receiver;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
