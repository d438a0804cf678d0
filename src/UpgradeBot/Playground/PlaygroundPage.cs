using System.Collections.Frozen;

namespace UpgradeBot.Playground;

/// <summary>
/// The page and what it loads (its scripts and styles, and the adaptivecards and markdown-it browser
/// bundles with their licences), embedded in the host's assembly: served from the app itself,
/// whatever folder it runs from, with nothing fetched from elsewhere.
/// </summary>
internal static class PlaygroundPage
{
    private const string ResourcePrefix = "playground/";

    /// <summary>Only this host's own files may load or be called from the page, whatever a card or message links to.</summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static readonly Lazy<FrozenDictionary<string, byte[]>> Files = new(Load);

    public static IResult Page() => Asset("index.html");

    public static IResult Asset(string name) =>
        Files.Value.TryGetValue(name, out var content)
            ? new FileResult(content, ContentType(name))
            : Results.Problem($"The playground has no file '{name}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    private static FrozenDictionary<string, byte[]> Load()
    {
        var assembly = typeof(PlaygroundPage).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .ToFrozenDictionary(n => n[ResourcePrefix.Length..], n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return copy.ToArray();
            }, StringComparer.Ordinal);
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        _ => "text/plain; charset=utf-8",
    };

    private sealed class FileResult(byte[] content, string contentType) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var headers = httpContext.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.CacheControl = "no-cache";
            return Results.Bytes(content, contentType).ExecuteAsync(httpContext);
        }
    }
}
