namespace UpgradeBot.Core.Schedule;

public enum ScheduleEditOutcome
{
    Created,
    Updated,
    Unchanged,
    Invalid,
    NotFound,
    AlreadyExists,
}
