namespace UpgradeBot.Core.Announcements;

/// <summary>
/// Decides, from the windows, the active subscriptions and what each conversation was already
/// told, which announcements are due at <c>now</c>. Pure: the dispatcher runs it on every tick and
/// stores what it returns, so running it again (or after a restart) plans nothing twice.
/// </summary>
/// <remarks>
/// What a conversation "was told" is a row that was sent, or one of the current revision still
/// pending; rows of older revisions that are still pending will be dropped by the dispatcher, so
/// they do not count. The rules per conversation and window:
/// <list type="bullet">
/// <item>Nothing at all once the window ended more than the catch-up limit ago.</item>
/// <item>Cancelled: <c>cancelled</c> if it was told anything, else nothing.</item>
/// <item><c>rescheduled</c> when it was told about an older revision.</item>
/// <item><c>scheduled</c> when it was told nothing yet and the start is more than the reminder lead away.</item>
/// <item><c>reminder</c> at start − lead, only if it knew of the window before that moment, never after the
/// start, and not when a <c>rescheduled</c> inside the lead already said the new time.</item>
/// <item><c>started</c> while running (late, and saying so, after downtime); <c>phase-started</c> for the
/// latest phase that started after the started post; <c>completed</c> after the end.</item>
/// <item>A moment from before the conversation subscribed is never announced: a channel that subscribes
/// mid-window gets no stale <c>started</c>, but gets the later phases and <c>completed</c>, posted on
/// their own since it has no started post to reply under.</item>
/// </list>
/// </remarks>
public sealed class AnnouncementPlanner(TimeSpan reminderLead, TimeSpan catchUpLimit)
{
    /// <summary>A moment announced more than this after it counts as late: longer than any poll interval, shorter than any downtime worth mentioning.</summary>
    public static readonly TimeSpan LateAfter = TimeSpan.FromMinutes(2);

    /// <summary>False once a window ended longer than the catch-up limit ago: nothing more is said about it.</summary>
    public bool StillAnnounced(UpgradeWindow window, DateTimeOffset now) => now - window.End <= catchUpLimit;

    public IReadOnlyList<PlannedAnnouncement> Plan(
        IReadOnlyList<UpgradeWindow> windows,
        IReadOnlyList<Subscription> subscriptions,
        IReadOnlyList<AnnouncementRecord> history,
        DateTimeOffset now)
    {
        var told = history.ToLookup(r => (r.Key.WindowId, r.Key.Conversation));
        var existing = history.Select(r => r.Key).ToHashSet();
        var planned = new List<PlannedAnnouncement>();
        foreach (var window in windows)
        {
            foreach (var subscription in subscriptions.Where(s => s.Active))
            {
                planned.AddRange(PlanFor(window, subscription, [.. told[(window.Id, subscription.Key)]], now)
                    .Where(p => !existing.Contains(p.Key)));
            }
        }

        return planned;
    }

    private List<PlannedAnnouncement> PlanFor(UpgradeWindow window, Subscription subscription, AnnouncementRecord[] told, DateTimeOffset now)
    {
        var due = new List<PlannedAnnouncement>();
        if (!StillAnnounced(window, now))
        {
            return due;
        }

        void Add(AnnouncementKind kind, DateTimeOffset moment, int phase = 0) =>
            due.Add(new PlannedAnnouncement(new AnnouncementKey(window.Id, kind, phase, window.Revision, subscription.Key), moment, now - moment > LateAfter));

        var sent = told.Where(r => r.State == AnnouncementState.Sent).ToArray();
        var said = told.Where(r => r.State == AnnouncementState.Sent || (r.State == AnnouncementState.Pending && r.Key.Revision == window.Revision)).ToArray();
        bool NotYetAt(DateTimeOffset moment) => moment >= subscription.SubscribedAt;

        if (window.Cancelled)
        {
            if (sent.Any(r => r.Key.Kind != AnnouncementKind.Cancelled))
            {
                Add(AnnouncementKind.Cancelled, now);
            }

            return due;
        }

        var rescheduled = told.FirstOrDefault(r => r.Key.Kind == AnnouncementKind.Rescheduled && r.Key.Revision == window.Revision)?.CreatedAt;
        if (rescheduled is null && sent.Any(r => r.Key.Revision < window.Revision))
        {
            Add(AnnouncementKind.Rescheduled, now);
            rescheduled = now;
        }

        var reminderAt = window.Start - reminderLead;
        if (said.Length == 0 && rescheduled is null && window.Start - now > reminderLead)
        {
            Add(AnnouncementKind.Scheduled, now);
        }
        else if (now >= reminderAt && now < window.Start
            && NotYetAt(reminderAt)
            && said.Any(r => r.CreatedAt < reminderAt)
            && !(rescheduled >= reminderAt)
            && !said.Any(r => r.Key.Kind == AnnouncementKind.Reminder && r.DueAt >= reminderAt))
        {
            Add(AnnouncementKind.Reminder, reminderAt);
        }

        if (now < window.Start)
        {
            return due;
        }

        if (now >= window.End)
        {
            if (NotYetAt(window.End) && !said.Any(r => r.Key.Kind == AnnouncementKind.Completed && r.DueAt >= window.End))
            {
                Add(AnnouncementKind.Completed, window.End);
            }

            return due;
        }

        var startedAt = said.FirstOrDefault(r => r.Key.Kind == AnnouncementKind.Started && r.DueAt >= window.Start)?.CreatedAt;
        if (startedAt is null && NotYetAt(window.Start))
        {
            Add(AnnouncementKind.Started, window.Start);
            startedAt = now;
        }

        // Only the latest phase: after downtime, a phase that was already followed by another is old news.
        var phase = window.Phases.Select((p, i) => (Phase: p, Index: i)).Last(p => p.Phase.Start <= now);
        if (phase.Index > 0
            && NotYetAt(phase.Phase.Start)
            && !(startedAt >= phase.Phase.Start)
            && !said.Any(r => r.Key.Kind == AnnouncementKind.PhaseStarted && r.Key.Phase == phase.Index && r.DueAt >= phase.Phase.Start))
        {
            Add(AnnouncementKind.PhaseStarted, phase.Phase.Start, phase.Index);
        }

        return due;
    }
}
