using UpgradeBot.Core.Escalation;

namespace UpgradeBot.Core.Retention;

/// <summary>
/// Which stored rows go, by which clock: the <c>Retention</c> periods counted back from now, plus
/// the one thing that outranks them (an announcement is kept while its upgrade is still announced,
/// <c>Announcements:CatchUpLimit</c>). The SQL that finds the rows is the store's.
/// </summary>
public sealed class RetentionPolicy(RetentionOptions retention, AnnouncementOptions announcements)
{
    /// <summary>
    /// Resolution closes an escalation, its clock being when it was resolved: Customer Champions are
    /// done with it. One still open whose delivery was given up (<see cref="GivenUp"/>) never reached
    /// them and is closed too, its clock being its last delivery attempt. Any other escalation
    /// (delivered and not yet resolved, acknowledged, still being delivered) is open and never deleted.
    /// </summary>
    public static EscalationState Closed => EscalationState.Resolved;

    /// <summary>The delivery state of an open escalation that nobody will receive: closed by its last attempt.</summary>
    public static DeliveryStatus GivenUp => DeliveryStatus.Failed;

    public TimeSpan PruneInterval => retention.PruneInterval;

    public RetentionCutoffs At(DateTimeOffset now) => new(
        EventPayloadsBefore: now - retention.ProcessedEvents,
        EventIdsBefore: now - retention.EventIds,
        AnnouncementsBefore: now - retention.Announcements,
        AnnouncedWindowsEndedBefore: now - announcements.CatchUpLimit,
        EscalationsBefore: now - retention.Escalations,
        CustomersRemovedBefore: now - retention.UninstalledWorkspaces);
}
