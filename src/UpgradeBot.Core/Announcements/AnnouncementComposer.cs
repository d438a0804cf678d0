using System.Globalization;

namespace UpgradeBot.Core.Announcements;

/// <summary>
/// Words the announcements from the window as it stands when they are sent. Times are not written
/// into the text: renderers show <see cref="Announcement.Phases"/> and the grace deadline in each
/// reader's own time zone, so the text refers to them.
/// </summary>
public sealed class AnnouncementComposer(TimingRule timing, TimeSpan reminderLead, Uri? calendarUrl = null)
{
    /// <summary>What admins may see while an upgrade runs; the calendar's event descriptions say it too.</summary>
    public const string WhatToExpect =
        "While it runs, some figures in the admin console (the Usage and Destination graphs, organization and user statistics) "
        + "can be temporarily wrong. Your environment and your data are not at risk.";

    public Announcement Compose(UpgradeWindow window, AnnouncementKind kind, int phase, bool late, DateTimeOffset now)
    {
        var title = window.Title;
        var (headline, text) = kind switch
        {
            AnnouncementKind.Scheduled => (
                $"Upgrade scheduled: {title}",
                $"{title} is planned; its schedule is below, in your local time. {WhatToExpect} I will post a reminder {Duration(reminderLead)} before it starts."),
            AnnouncementKind.Reminder => (
                $"Upgrade starts soon: {title}",
                $"{title} starts in about {Duration(window.Start - now)}. {WhatToExpect}"),
            AnnouncementKind.Started => Started(window, late, now),
            AnnouncementKind.PhaseStarted => (
                $"Next phase started: {window.Phases[phase].Name}",
                $"Phase {phase + 1} of {window.Phases.Count} of {title}, {window.Phases[phase].Name}, has started"
                + (late ? " (this notice comes late; the phase began earlier)." : ".")),
            AnnouncementKind.Completed => (
                $"Upgrade completed: {title}",
                $"{title} has finished"
                + (late ? " (this notice comes late; it ended earlier)" : string.Empty)
                + ". Console figures should be right again by the settling deadline shown. "
                + "If a symptom is still there after that deadline, ask me about it and I will offer to escalate it to Customer Champions."),
            AnnouncementKind.Rescheduled => (
                $"Upgrade rescheduled: {title}",
                $"The schedule of {title} has changed. The new schedule is below, in your local time; earlier times no longer apply."),
            AnnouncementKind.Cancelled => (
                $"Upgrade cancelled: {title}",
                $"{title} will not take place as announced. Nothing in your admin console is affected by it."),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        return new Announcement(
            kind,
            headline,
            text,
            UpgradeSummary.Of(window, now),
            window.Phases,
            kind == AnnouncementKind.Completed || (kind == AnnouncementKind.Started && now >= window.End) ? timing.GraceDeadline(window) : null,
            late,
            calendarUrl);
    }

    /// <summary>The <c>started</c> post as it should read now: it is edited in place as the upgrade moves on.</summary>
    public Announcement StartedPost(UpgradeWindow window, bool late, DateTimeOffset now) =>
        Compose(window, AnnouncementKind.Started, 0, late, now);

    private static (string Headline, string Text) Started(UpgradeWindow window, bool late, DateTimeOffset now)
    {
        var title = window.Title;
        var lateNote = late ? " This notice comes late: the upgrade began earlier than this message." : string.Empty;
        return window.StatusAt(now) switch
        {
            UpgradeStatus.Cancelled => ($"Upgrade cancelled: {title}", $"{title} was stopped and will not continue as announced."),
            UpgradeStatus.Completed => ($"Upgrade completed: {title}", $"{title} has finished. Updates are in this thread."),
            _ => (
                window.PhaseAt(now) is { } phase ? $"Upgrade in progress: {title} ({phase.Name})" : $"Upgrade in progress: {title} (between phases)",
                $"{title} has started.{lateNote} {WhatToExpect} Updates follow in this thread."),
        };
    }

    private static string Duration(TimeSpan span) => span switch
    {
        { TotalHours: >= 48 } => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(span.TotalDays)} days"),
        { TotalHours: >= 2 } => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(span.TotalHours)} hours"),
        { TotalMinutes: >= 2 } => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(span.TotalMinutes)} minutes"),
        _ => "a minute",
    };
}
