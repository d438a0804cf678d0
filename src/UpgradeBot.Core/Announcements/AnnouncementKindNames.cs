namespace UpgradeBot.Core.Announcements;

/// <summary>The stored and logged names of the kinds; stable, unlike the enum's member names.</summary>
public static class AnnouncementKindNames
{
    private static readonly Dictionary<AnnouncementKind, string> Names = new()
    {
        [AnnouncementKind.Scheduled] = "scheduled",
        [AnnouncementKind.Reminder] = "reminder",
        [AnnouncementKind.Started] = "started",
        [AnnouncementKind.PhaseStarted] = "phase-started",
        [AnnouncementKind.Completed] = "completed",
        [AnnouncementKind.Rescheduled] = "rescheduled",
        [AnnouncementKind.Cancelled] = "cancelled",
    };

    private static readonly Dictionary<string, AnnouncementKind> Kinds = Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string ToWire(this AnnouncementKind kind) => Names[kind];

    public static AnnouncementKind Parse(string name) =>
        Kinds.TryGetValue(name, out var kind) ? kind : throw new FormatException($"'{name}' is not an announcement kind.");
}
