namespace UpgradeBot.Core.Schedule;

/// <summary>
/// The timing rule of ARCHITECTURE.md. When several upgrades qualify, in progress beats settling
/// beats persisting, and within a verdict the most recent upgrade wins.
/// </summary>
public sealed class TimingRule(BusinessCalendar calendar, int graceBusinessDays, int lookbackDays)
{
    public BusinessCalendar Calendar { get; } = calendar;

    /// <summary>How long after an upgrade's end a symptom can still be blamed on it (<c>Escalation:LookbackDays</c>).</summary>
    public TimeSpan Lookback { get; } = TimeSpan.FromDays(lookbackDays);

    public DateTimeOffset GraceDeadline(UpgradeWindow window) => Calendar.GraceDeadline(window.End, graceBusinessDays);

    public TimingAssessment Assess(IEnumerable<UpgradeWindow> windows, DateTimeOffset at)
    {
        var live = windows.Where(w => !w.Cancelled).ToArray();

        var running = live.Where(w => w.IsInProgress(at)).OrderByDescending(w => w.Start).FirstOrDefault();
        if (running is not null)
        {
            return new TimingAssessment(Verdict.ExpectedDuringUpgrade, running, GraceDeadline(running));
        }

        TimingAssessment? persisting = null;
        foreach (var ended in live.Where(w => w.End <= at).OrderByDescending(w => w.End))
        {
            var deadline = GraceDeadline(ended);
            if (at < deadline)
            {
                return new TimingAssessment(Verdict.SettlingAfterUpgrade, ended, deadline);
            }

            if (persisting is null && at - ended.End <= Lookback)
            {
                persisting = new TimingAssessment(Verdict.PersistingEscalate, ended, deadline);
            }
        }

        return persisting ?? TimingAssessment.Unrelated;
    }
}
