using System.Text.Json;
using System.Text.Unicode;

namespace UpgradeBot.Teams.Inbound;

/// <summary>
/// A first look at a request body before the SDK reads it: what every Bot Framework activity has
/// (a type, an http(s) service URL to answer at, a conversation id), well-formed UTF-8 and JSON,
/// no property given twice. The SDK answers some malformed bodies with a 500 or with a wrong status,
/// and a client that sent bad input deserves a 400 saying what is wrong.
/// </summary>
internal static class ActivityBody
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    public static string? Problem(ReadOnlySpan<byte> body)
    {
        if (!Utf8.IsValid(body))
        {
            return "The body is not valid UTF-8.";
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), Strict);
        }
        catch (JsonException e) when (e.Message.Contains("duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return "The activity gives a property twice.";
        }
        catch (JsonException)
        {
            return "The body is not valid JSON.";
        }

        using (document)
        {
            var activity = document.RootElement;
            if (activity.ValueKind != JsonValueKind.Object)
            {
                return "The body must be a JSON object (a Bot Framework activity).";
            }

            if (!(activity.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString()!.Length > 0))
            {
                return "The activity has no type.";
            }

            if (!(activity.TryGetProperty("serviceUrl", out var serviceUrl)
                && serviceUrl.ValueKind == JsonValueKind.String
                && Uri.TryCreate(serviceUrl.GetString(), UriKind.Absolute, out var url)
                && url.Scheme is "https" or "http"))
            {
                return "The activity has no serviceUrl to answer at (an absolute http(s) URL).";
            }

            return activity.TryGetProperty("conversation", out var conversation)
                && conversation.ValueKind == JsonValueKind.Object
                && conversation.TryGetProperty("id", out var id)
                && id.ValueKind == JsonValueKind.String
                && id.GetString()!.Length > 0
                    ? null
                    : "The activity has no conversation id.";
        }
    }
}
