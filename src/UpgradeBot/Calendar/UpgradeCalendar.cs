using System.Globalization;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using UpgradeBot.Core.Announcements;
using IcalCalendar = Ical.Net.Calendar;

namespace UpgradeBot.Calendar;

/// <summary>
/// The upgrade windows as an iCalendar feed admins subscribe to: one event per phase, with a UID that
/// stays the same across edits, <c>SEQUENCE</c> = the window's revision (so a reschedule raises it),
/// times in UTC, the status page as <c>URL</c>, and a cancelled window kept as <c>STATUS:CANCELLED</c>
/// for <see cref="CancelledKeptFor"/> after it would have ended, so subscribed calendars show it off.
/// </summary>
public static class UpgradeCalendar
{
    public static readonly TimeSpan CancelledKeptFor = TimeSpan.FromDays(30);

    /// <summary>How often subscribed calendars are asked to look again.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(1);

    public static string Write(IEnumerable<UpgradeWindow> windows, DateTimeOffset now)
    {
        var calendar = new IcalCalendar { ProductId = "-//UpgradeBot//Public cloud upgrades//EN", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", "Public cloud upgrades");
        calendar.AddProperty("X-WR-CALDESC", "When the public cloud is upgraded, and what admins may see in the admin console meanwhile.");
        var refresh = XmlDuration(RefreshInterval);
        calendar.AddProperty("X-PUBLISHED-TTL", refresh);
        calendar.AddProperty(new CalendarProperty("REFRESH-INTERVAL", refresh) { Parameters = { new CalendarParameter("VALUE", "DURATION") } });
        foreach (var window in windows.Where(w => !w.Cancelled || now - w.End <= CancelledKeptFor).OrderBy(w => w.Start).ThenBy(w => w.Id, StringComparer.Ordinal))
        {
            for (var i = 0; i < window.Phases.Count; i++)
            {
                calendar.Events.Add(Event(window, i, now));
            }
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }

    /// <summary>The UID of a phase's event: the same for as long as the window keeps its id and phase count.</summary>
    public static string Uid(UpgradeWindow window, int phase) =>
        string.Create(CultureInfo.InvariantCulture, $"upgrade-{window.Id}-phase-{phase + 1}@upgradebot");

    private static CalendarEvent Event(UpgradeWindow window, int index, DateTimeOffset now)
    {
        var phase = window.Phases[index];
        var name = window.Phases.Count > 1 ? $"{window.Title}: {phase.Name}" : window.Title;
        return new CalendarEvent
        {
            Uid = Uid(window, index),
            Sequence = window.Revision,
            Summary = window.Cancelled ? $"Cancelled: {name}" : name,
            Description = Description(window, index),
            DtStart = Utc(phase.Start),
            DtEnd = Utc(phase.End),
            DtStamp = Utc(now),
            Status = window.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            Url = window.StatusUrl,
            // An upgrade runs on our side: it does not make anyone busy.
            Transparency = TransparencyType.Transparent,
        };
    }

    private static string Description(UpgradeWindow window, int index)
    {
        if (window.Cancelled)
        {
            return $"{window.Title} was cancelled and will not take place as announced. Nothing in your admin console is affected by it.";
        }

        var which = window.Phases.Count > 1
            ? string.Create(CultureInfo.InvariantCulture, $"Phase {index + 1} of {window.Phases.Count} ({window.Phases[index].Name}) of {window.Title}: we upgrade our public cloud during this time.")
            : $"{window.Title}: we upgrade our public cloud during this time.";
        var status = window.StatusUrl is { } url ? $"\n\nService Status Updates: {url}" : string.Empty;
        return $"{which} {AnnouncementComposer.WhatToExpect}\n\n"
            + "If something still looks wrong more than one business day after the upgrade has ended, ask UpgradeBot about it: "
            + "it can hand the problem to Customer Champions."
            + status;
    }

    private static CalDateTime Utc(DateTimeOffset instant) => new(instant.UtcDateTime);

    private static string XmlDuration(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"PT{(int)span.TotalMinutes}M");
}
