namespace UpgradeBot.Core.Schedule;

/// <summary>One contiguous stretch of work inside an upgrade; [Start, End).</summary>
public sealed record UpgradePhase(string Name, DateTimeOffset Start, DateTimeOffset End)
{
    public bool Contains(DateTimeOffset at) => Start <= at && at < End;
}
