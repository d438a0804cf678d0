using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Schedule.Feed;

namespace UpgradeBot.Core.Schedule;

/// <summary>
/// Every change to the upgrade windows goes through here, from the admin API, from configuration
/// at start and from the status page feed, so all bump the revision the same way: a window's revision
/// grows when its times change or it comes back after a cancellation; a new title or status link alone
/// keeps it, and so does the status page reporting the real start or end early (<see cref="ReviseFromFeed"/>).
/// </summary>
public sealed partial class UpgradeScheduleEditor(
    IUpgradeWindowStore windows,
    IAnnouncementStore announcements,
    TimeProvider time,
    ILogger<UpgradeScheduleEditor> logger)
{
    /// <summary>The prefix of validation messages for a window sent to the admin API.</summary>
    public const string ApiPath = "upgrade";

    public async Task<ScheduleEdit> AddAsync(UpgradeOptions upgrade, CancellationToken cancellationToken = default)
    {
        var errors = new List<string>();
        if (ScheduleSettings.ToWindow(upgrade, ApiPath, errors) is not { } window || ScheduleSettings.IsFeedOwnedId(window.Id, ApiPath, errors))
        {
            return new ScheduleEdit(ScheduleEditOutcome.Invalid, null, errors);
        }

        if (await windows.GetAsync(window.Id, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return ScheduleEdit.Of(ScheduleEditOutcome.AlreadyExists, existing);
        }

        await windows.UpsertAsync(window, UpgradeSource.Admin, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        LogChanged(window.Id, window.Revision, "created", UpgradeSource.Admin);
        return ScheduleEdit.Of(ScheduleEditOutcome.Created, window);
    }

    /// <summary>Replaces a window; the id in the body may be left out, but must not differ from <paramref name="id"/>.</summary>
    public async Task<ScheduleEdit> UpdateAsync(string id, UpgradeOptions upgrade, CancellationToken cancellationToken = default)
    {
        if (upgrade.Id is not null && upgrade.Id != id)
        {
            return new ScheduleEdit(ScheduleEditOutcome.Invalid, null, [$"{ApiPath}:Id '{upgrade.Id}' differs from the id in the path '{id}'; an upgrade's id cannot change."]);
        }

        upgrade.Id = id;
        var errors = new List<string>();
        if (ScheduleSettings.ToWindow(upgrade, ApiPath, errors) is not { } edited)
        {
            return new ScheduleEdit(ScheduleEditOutcome.Invalid, null, errors);
        }

        if (await windows.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } current)
        {
            return ScheduleEdit.Of(ScheduleEditOutcome.NotFound);
        }

        var revised = Revise(current, edited);
        await windows.UpsertAsync(revised, UpgradeSource.Admin, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        LogChanged(id, revised.Revision, "updated", UpgradeSource.Admin);
        return ScheduleEdit.Of(revised.Equals(current) ? ScheduleEditOutcome.Unchanged : ScheduleEditOutcome.Updated, revised);
    }

    public async Task<ScheduleEdit> CancelAsync(string id, CancellationToken cancellationToken = default)
    {
        if (await windows.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } current)
        {
            return ScheduleEdit.Of(ScheduleEditOutcome.NotFound);
        }

        if (current.Cancelled)
        {
            return ScheduleEdit.Of(ScheduleEditOutcome.Unchanged, current);
        }

        var cancelled = current with { Cancelled = true };
        await windows.UpsertAsync(cancelled, UpgradeSource.Admin, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        LogChanged(id, cancelled.Revision, "cancelled", UpgradeSource.Admin);
        return ScheduleEdit.Of(ScheduleEditOutcome.Updated, cancelled);
    }

    /// <summary>
    /// Brings the store in line with the <c>Upgrades</c> configuration, as if an admin had made the
    /// same edits. Windows from configuration that are no longer listed are deleted when nothing was
    /// ever announced about them, and cancelled otherwise so the channels that heard of them hear it
    /// is off. A window the admin API created or edited belongs to the admin from then on: the
    /// configuration no longer changes or removes it (otherwise every restart would undo the edit).
    /// </summary>
    public async Task ReconcileAsync(IReadOnlyList<UpgradeWindow> configured, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var stored = (await windows.ListWithSourceAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(w => w.Window.Id);
        foreach (var window in configured)
        {
            if (!stored.TryGetValue(window.Id, out var current))
            {
                await windows.UpsertAsync(window, UpgradeSource.Configuration, now, cancellationToken).ConfigureAwait(false);
                LogChanged(window.Id, window.Revision, "created", UpgradeSource.Configuration);
            }
            else if (current.Source == UpgradeSource.Admin)
            {
                if (!Revise(current.Window, window).Equals(current.Window))
                {
                    LogAdminOwned(window.Id);
                }
            }
            else if (Revise(current.Window, window) is var revised && !revised.Equals(current.Window))
            {
                await windows.UpsertAsync(revised, UpgradeSource.Configuration, now, cancellationToken).ConfigureAwait(false);
                LogChanged(window.Id, revised.Revision, "updated", UpgradeSource.Configuration);
            }
        }

        var listed = configured.Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (window, source) in stored.Values.Where(w => w.Source == UpgradeSource.Configuration && !listed.Contains(w.Window.Id)))
        {
            if (await announcements.AnyForWindowAsync(window.Id, cancellationToken).ConfigureAwait(false))
            {
                if (!window.Cancelled)
                {
                    await windows.UpsertAsync(window with { Cancelled = true }, source, now, cancellationToken).ConfigureAwait(false);
                    LogChanged(window.Id, window.Revision, "cancelled", source);
                }
            }
            else
            {
                await windows.DeleteAsync(window.Id, cancellationToken).ConfigureAwait(false);
                LogChanged(window.Id, window.Revision, "deleted", source);
            }
        }
    }

    /// <summary>
    /// Brings the feed's windows in line with one good answer of the status page. New maintenances are
    /// added, changed ones updated (<see cref="ReviseFromFeed"/>), and a window that left the feed before
    /// it started is cancelled (kept, so calendars show it off, and announced as cancelled where anything
    /// was said). A window that already started stays as it was when it leaves the feed. A window taken
    /// over through the admin API is left alone and reported in <see cref="FeedApplied.AdminOwned"/>.
    /// </summary>
    public async Task<FeedApplied> ApplyFeedAsync(FeedReading reading, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var stored = (await windows.ListWithSourceAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(w => w.Window.Id);
        var changed = new List<string>();
        var adminOwned = new List<string>();
        foreach (var incoming in reading.Windows)
        {
            var id = incoming.Window.Id;
            if (!stored.TryGetValue(id, out var current))
            {
                await windows.UpsertAsync(incoming.Window, UpgradeSource.Feed, now, cancellationToken).ConfigureAwait(false);
                LogChanged(id, incoming.Window.Revision, "created", UpgradeSource.Feed);
                changed.Add(id);
            }
            else if (ReviseFromFeed(current.Window, incoming) is var revised && revised.Equals(current.Window))
            {
                continue;
            }
            else if (current.Source != UpgradeSource.Feed)
            {
                adminOwned.Add(id);
            }
            else
            {
                await windows.UpsertAsync(revised, UpgradeSource.Feed, now, cancellationToken).ConfigureAwait(false);
                LogChanged(id, revised.Revision, "updated", UpgradeSource.Feed);
                changed.Add(id);
            }
        }

        if (reading.EveryEntryIdentified)
        {
            foreach (var (window, _) in stored.Values.Where(w => w.Source == UpgradeSource.Feed && !w.Window.Cancelled
                && now < w.Window.Start && !reading.MentionedIds.Contains(w.Window.Id)))
            {
                await windows.UpsertAsync(window with { Cancelled = true }, UpgradeSource.Feed, now, cancellationToken).ConfigureAwait(false);
                LogChanged(window.Id, window.Revision, "cancelled", UpgradeSource.Feed);
                changed.Add(window.Id);
            }
        }

        return new FeedApplied(changed, adminOwned);
    }

    /// <summary>
    /// The feed's window as the next state of <paramref name="current"/>. Moving a planned time is a
    /// reschedule and bumps the revision (so <c>rescheduled</c> is announced); a time that moved because
    /// the page reported the real start or end early does not (that is news of the start or end, which
    /// <c>started</c> and <c>completed</c> carry). A cancelled window that comes back is bumped too.
    /// </summary>
    public static UpgradeWindow ReviseFromFeed(UpgradeWindow current, FeedWindow incoming)
    {
        var next = incoming.Window;
        var rescheduled = (next.Start != current.Start && !incoming.StartedEarly) || (next.End != current.End && !incoming.CompletedEarly);
        return next with { Revision = current.Revision + (current.Cancelled || rescheduled ? 1 : 0), Cancelled = false };
    }

    /// <summary>The edited window as the next state of <paramref name="current"/>: not cancelled, revision bumped when the times changed or it was cancelled.</summary>
    public static UpgradeWindow Revise(UpgradeWindow current, UpgradeWindow edited) => edited with
    {
        Revision = current.Revision + (current.Cancelled || !current.HasSameTimesAs(edited) ? 1 : 0),
        Cancelled = false,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Upgrade {UpgradeId} {Change} (revision {Revision}, from {Source})")]
    private partial void LogChanged(string upgradeId, int revision, string change, UpgradeSource source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upgrade {UpgradeId} in configuration differs from the stored one, which was last edited through the admin API; the admin edit stays. Edit it through the admin API instead.")]
    private partial void LogAdminOwned(string upgradeId);
}
