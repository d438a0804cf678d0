namespace UpgradeBot.Core.Schedule.Feed;

/// <summary>
/// What one good answer of the feed says: the chosen maintenances as windows, and those skipped for
/// bad fields. <see cref="EveryEntryIdentified"/> is false when an entry had no usable id: then it
/// cannot be told which windows really left the feed, and none is cancelled for leaving it.
/// </summary>
public sealed record FeedReading(IReadOnlyList<FeedWindow> Windows, IReadOnlyList<FeedProblem> Problems, bool EveryEntryIdentified)
{
    /// <summary>The windows the feed still mentions, skipped ones included: none of them has left it.</summary>
    public IReadOnlySet<string> MentionedIds { get; } =
        Windows.Select(w => w.Window.Id).Concat(Problems.Where(p => p.WindowId is not null).Select(p => p.WindowId!)).ToHashSet(StringComparer.Ordinal);
}
