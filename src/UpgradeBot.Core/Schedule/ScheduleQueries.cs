namespace UpgradeBot.Core.Schedule;

public static class ScheduleQueries
{
    /// <summary>
    /// The upgrade a status question is about: the one running, else the next one, else the one
    /// that ended most recently within <paramref name="lookback"/>.
    /// </summary>
    public static UpgradeWindow? Relevant(IEnumerable<UpgradeWindow> windows, DateTimeOffset at, TimeSpan lookback)
    {
        var live = windows.Where(w => !w.Cancelled).ToArray();
        return live.Where(w => w.IsInProgress(at)).OrderBy(w => w.Start).FirstOrDefault()
            ?? live.Where(w => w.Start > at).OrderBy(w => w.Start).FirstOrDefault()
            ?? live.Where(w => w.End <= at && at - w.End <= lookback).OrderByDescending(w => w.End).FirstOrDefault();
    }
}
