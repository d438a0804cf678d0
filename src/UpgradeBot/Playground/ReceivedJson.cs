using UpgradeBot.Core.Inbound;

namespace UpgradeBot.Playground;

/// <summary>
/// A JSON object read from a request to one of the playground's endpoints (at most <see cref="MaxBytes"/>),
/// or why there is none: <see cref="Problem"/> for the person reading the answer, <see cref="StatusCode"/> to answer with.
/// </summary>
internal readonly record struct ReceivedJson(JsonElement? Json, string? Problem, int StatusCode)
{
    public const int MaxBytes = 256 * 1024;

    public static async Task<ReceivedJson> ReadAsync(HttpRequest request)
    {
        var body = await BoundedBody.ReadAsync(request.Body, request.ContentLength, MaxBytes, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return new(null, $"the body is over {MaxBytes / 1024} KiB", StatusCodes.Status413PayloadTooLarge);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind != JsonValueKind.Object ? new(null, "the body is not a JSON object", StatusCodes.Status400BadRequest)
                : Flaw(root) is { } flaw ? new(null, flaw, StatusCodes.Status400BadRequest)
                : new(root.Clone(), null, StatusCodes.Status200OK);
        }
        catch (JsonException)
        {
            return new(null, "the body is not JSON", StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>
    /// What makes a parsed body unfit to keep: a name given twice in one object, or a string that is
    /// not text (an unpaired surrogate), which would make every later read of the feed fail.
    /// </summary>
    private static string? Flaw(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var names = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var property in element.EnumerateObject())
                    {
                        if (!names.Add(property.Name))
                        {
                            return $"the name '{property.Name}' is given twice in one object";
                        }

                        if (Flaw(property.Value) is { } flaw)
                        {
                            return flaw;
                        }
                    }

                    return null;
                case JsonValueKind.Array:
                    return element.EnumerateArray().Select(Flaw).FirstOrDefault(f => f is not null);
                case JsonValueKind.String:
                    _ = element.GetString();
                    return null;
                default:
                    return null;
            }
        }
        catch (InvalidOperationException)
        {
            return "a string in the body is not valid text (an unpaired surrogate)";
        }
    }

    public IResult Refusal(string title, string expected) =>
        Results.Problem($"{expected}; {Problem}.", statusCode: StatusCode, title: title);

    public static string? String(JsonElement json, string property) =>
        json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static bool True(JsonElement json, string property) =>
        json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.True;
}
