namespace UpgradeBot.Core.Schedule.Feed;

/// <summary>What applying a feed reading did: the windows it changed, and those it left alone because an admin took them over.</summary>
public sealed record FeedApplied(IReadOnlyList<string> Changed, IReadOnlyList<string> AdminOwned);
