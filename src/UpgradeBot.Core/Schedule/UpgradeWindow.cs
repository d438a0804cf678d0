namespace UpgradeBot.Core.Schedule;

/// <summary>
/// A scheduled upgrade of the public cloud. Its period runs from the first phase's start to the
/// last phase's end; the gaps between phases still count as in progress.
/// </summary>
public sealed record UpgradeWindow
{
    public UpgradeWindow(string id, string title, IReadOnlyList<UpgradePhase> phases, Uri? statusUrl = null, int revision = 1, bool cancelled = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (phases is null || phases.Count == 0)
        {
            throw new ArgumentException("An upgrade needs at least one phase.", nameof(phases));
        }

        Id = id;
        Title = title;
        Phases = phases.OrderBy(p => p.Start).ToArray();
        StatusUrl = statusUrl;
        Revision = revision;
        Cancelled = cancelled;
    }

    public string Id { get; }
    public string Title { get; }
    public IReadOnlyList<UpgradePhase> Phases { get; }
    public Uri? StatusUrl { get; }
    public int Revision { get; init; }
    public bool Cancelled { get; init; }

    public DateTimeOffset Start => Phases[0].Start;
    public DateTimeOffset End => Phases[^1].End;

    public bool IsInProgress(DateTimeOffset at) => Start <= at && at < End;

    /// <summary>The phase running at <paramref name="at"/>, or null before, after or between phases.</summary>
    public UpgradePhase? PhaseAt(DateTimeOffset at) => Phases.FirstOrDefault(p => p.Contains(at));

    public UpgradeStatus StatusAt(DateTimeOffset at) =>
        Cancelled ? UpgradeStatus.Cancelled
        : at < Start ? UpgradeStatus.Scheduled
        : at < End ? UpgradeStatus.InProgress
        : UpgradeStatus.Completed;

    /// <summary>True when the phase list (not just the wording) differs: the times users plan around.</summary>
    public bool HasSameTimesAs(UpgradeWindow other) =>
        Phases.Count == other.Phases.Count
        && Phases.Zip(other.Phases).All(p => p.First.Start == p.Second.Start && p.First.End == p.Second.End);

    public bool Equals(UpgradeWindow? other) =>
        other is not null && Id == other.Id && Title == other.Title && StatusUrl == other.StatusUrl
        && Revision == other.Revision && Cancelled == other.Cancelled && Phases.SequenceEqual(other.Phases);

    public override int GetHashCode() => HashCode.Combine(Id, Revision, Start, End);
}
