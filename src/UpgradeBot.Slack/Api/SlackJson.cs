using System.Text.Encodings.Web;

namespace UpgradeBot.Slack.Api;

/// <summary>
/// Slack's wire format: snake_case names, absent rather than null fields. Bodies go to Slack's API
/// and never into an HTML page, so &lt; &gt; &amp; stay as they are instead of \u003C escapes.
/// </summary>
public static class SlackJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
