using System.Text.Json;
using System.Text.Json.Serialization;

namespace UpgradeBot.Slack.Api;

/// <summary>Slack's wire format: snake_case names, absent rather than null fields.</summary>
public static class SlackJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
