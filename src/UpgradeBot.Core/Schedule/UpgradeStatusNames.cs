namespace UpgradeBot.Core.Schedule;

public static class UpgradeStatusNames
{
    public static string ToWire(this UpgradeStatus status) => Names(status).Wire;

    public static string ToDisplay(this UpgradeStatus status) => Names(status).Display;

    private static (string Wire, string Display) Names(UpgradeStatus status) => status switch
    {
        UpgradeStatus.Scheduled => ("scheduled", "Scheduled"),
        UpgradeStatus.InProgress => ("in-progress", "In progress"),
        UpgradeStatus.Completed => ("completed", "Completed"),
        UpgradeStatus.Cancelled => ("cancelled", "Cancelled"),
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
