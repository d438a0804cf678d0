namespace UpgradeBot.Schedule;

/// <summary>The answer's <c>ETag</c> and <c>Last-Modified</c>, sent back as <c>If-None-Match</c> and <c>If-Modified-Since</c>.</summary>
public sealed record FeedValidators(string? ETag, string? LastModified);
