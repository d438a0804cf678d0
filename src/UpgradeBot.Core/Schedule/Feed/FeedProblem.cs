namespace UpgradeBot.Core.Schedule.Feed;

/// <summary>A maintenance that was skipped, and why; <see cref="WindowId"/> is null when it had no usable id.</summary>
public sealed record FeedProblem(string? WindowId, string Message);
