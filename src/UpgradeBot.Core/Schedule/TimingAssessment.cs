namespace UpgradeBot.Core.Schedule;

/// <summary>What the schedule says about a moment: the verdict, the upgrade behind it and its grace deadline.</summary>
public sealed record TimingAssessment(Verdict Verdict, UpgradeWindow? Upgrade, DateTimeOffset? GraceDeadline)
{
    public static TimingAssessment Unrelated { get; } = new(Verdict.NotUpgradeRelated, null, null);
}
