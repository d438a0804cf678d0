using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace UpgradeBot.Testing;

/// <summary>
/// A Statuspage-compatible <c>scheduled-maintenances.json</c> on 127.0.0.1 whose answer a test changes:
/// the document (served with an ETag and Last-Modified, and 304 to a request that names them), an
/// HTTP error, garbage, or no answer at all until the client gives up.
/// </summary>
public sealed class FakeStatusPage : IAsyncDisposable
{
    public const string Path = "/api/v2/scheduled-maintenances.json";

    private readonly WebApplication _app;
    private volatile Answer _answer = new(200, StatusPageFixture.Document(), new DateTimeOffset(2027, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private int _hangs;

    private FakeStatusPage(WebApplication app) => _app = app;

    public string Url { get; private set; } = string.Empty;

    /// <summary>Every request as it came: its conditional headers, and the status it got (0 while it hangs).</summary>
    public ConcurrentQueue<Request> Requests { get; } = new();

    /// <summary>Set when a request is being held without an answer.</summary>
    public int Hanging => Volatile.Read(ref _hangs);

    public sealed record Request(string? IfNoneMatch, string? IfModifiedSince, int Status);

    /// <summary>Serves this document from now on, as changed at <paramref name="modified"/>.</summary>
    public void Serve(string document, DateTimeOffset modified) => _answer = new Answer(200, document, modified);

    /// <summary>Answers every request with this status and body.</summary>
    public void Fail(int status, string body = "") => _answer = new Answer(status, body, DateTimeOffset.UnixEpoch);

    /// <summary>Holds every request without answering until the client gives up or the page stops.</summary>
    public void Hang() => _answer = new Answer(0, string.Empty, DateTimeOffset.UnixEpoch);

    public static async Task<FakeStatusPage> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var page = new FakeStatusPage(app);
        app.MapGet(Path, page.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        page.Url = address.TrimEnd('/') + Path;
        return page;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var answer = _answer;
        var ifNoneMatch = context.Request.Headers.IfNoneMatch.ToString();
        var ifModifiedSince = context.Request.Headers.IfModifiedSince.ToString();
        if (answer.Status == 0)
        {
            Requests.Enqueue(new Request(ifNoneMatch, ifModifiedSince, 0));
            Interlocked.Increment(ref _hangs);
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up: what the test waits for.
            }
            finally
            {
                Interlocked.Decrement(ref _hangs);
            }

            return;
        }

        var status = answer.Status == 200 && (ifNoneMatch == answer.ETag || (ifNoneMatch.Length == 0 && ifModifiedSince == answer.LastModified))
            ? StatusCodes.Status304NotModified
            : answer.Status;
        Requests.Enqueue(new Request(ifNoneMatch, ifModifiedSince, status));
        context.Response.StatusCode = status;
        if (answer.Status == 200)
        {
            context.Response.Headers.ETag = answer.ETag;
            context.Response.Headers.LastModified = answer.LastModified;
            context.Response.Headers.CacheControl = "max-age=0, private, must-revalidate";
        }

        if (status != StatusCodes.Status304NotModified)
        {
            context.Response.ContentType = answer.Status == 200 ? "application/json; charset=utf-8" : "text/html";
            await context.Response.WriteAsync(answer.Body);
        }
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private sealed record Answer(int Status, string Body, DateTimeOffset Modified)
    {
        public string ETag { get; } = $"W/\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Body)))[..16]}\"";

        public string LastModified { get; } = Modified.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
    }
}
