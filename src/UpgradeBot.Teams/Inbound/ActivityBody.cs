using System.Text.Json;

namespace UpgradeBot.Teams.Inbound;

/// <summary>
/// A first look at a request body before the SDK reads it: the SDK answers some malformed bodies
/// with a 500, and a client that sent bad input deserves a 400 saying what is wrong.
/// </summary>
internal static class ActivityBody
{
    public static async Task<string?> ProblemAsync(Stream body, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return "The body must be a JSON object (a Bot Framework activity).";
            }

            return document.RootElement.TryGetProperty("type", out var type)
                && type.ValueKind == JsonValueKind.String
                && type.GetString()!.Length > 0
                    ? null
                    : "The activity has no type.";
        }
        catch (JsonException)
        {
            return "The body is not valid JSON.";
        }
    }
}
