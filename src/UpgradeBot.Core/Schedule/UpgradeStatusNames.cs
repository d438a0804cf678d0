namespace UpgradeBot.Core.Schedule;

public static class UpgradeStatusNames
{
    public static string ToWire(this UpgradeStatus status) => status switch
    {
        UpgradeStatus.Scheduled => "scheduled",
        UpgradeStatus.InProgress => "in-progress",
        UpgradeStatus.Completed => "completed",
        UpgradeStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string ToDisplay(this UpgradeStatus status) => status switch
    {
        UpgradeStatus.Scheduled => "Scheduled",
        UpgradeStatus.InProgress => "In progress",
        UpgradeStatus.Completed => "Completed",
        UpgradeStatus.Cancelled => "Cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
