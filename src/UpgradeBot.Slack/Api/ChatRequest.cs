namespace UpgradeBot.Slack.Api;

/// <summary>Body of chat.postMessage and chat.update; <see cref="TeamId"/> only with an org-wide token, which must say which workspace it acts in.</summary>
internal sealed record ChatRequest(
    string Channel,
    string Text,
    IReadOnlyList<Block> Blocks,
    string? ThreadTs = null,
    string? Ts = null,
    [property: JsonPropertyName("unfurl_links")] bool? UnfurlLinks = false,
    string? TeamId = null);
