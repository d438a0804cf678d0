namespace UpgradeBot.Core.Schedule;

public enum UpgradeStatus
{
    Scheduled,
    InProgress,
    Completed,
    Cancelled,
}
