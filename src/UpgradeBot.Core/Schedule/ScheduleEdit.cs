namespace UpgradeBot.Core.Schedule;

/// <summary>The result of an edit; <see cref="Errors"/> name the offending fields when <see cref="ScheduleEditOutcome.Invalid"/>.</summary>
public sealed record ScheduleEdit(ScheduleEditOutcome Outcome, UpgradeWindow? Window, IReadOnlyList<string> Errors)
{
    public static ScheduleEdit Of(ScheduleEditOutcome outcome, UpgradeWindow? window = null) => new(outcome, window, []);
}
