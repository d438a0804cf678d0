using UpgradeBot.Core.Configuration;
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
    /// The delivery states in which an escalation is closed, its clock being its last delivery
    /// attempt: Customer Champions have it, or delivery was given up. Escalations in any other
    /// state are open and never deleted. When escalations can be resolved (issue 17), resolution
    /// is what closes one: then the closed states are "resolved" (by the time it was resolved) and
    /// Failed, and a delivered escalation stays open until it is resolved.
    /// </summary>
    public static IReadOnlyList<DeliveryStatus> ClosedEscalations { get; } = [DeliveryStatus.Delivered, DeliveryStatus.Failed];

    public TimeSpan PruneInterval => retention.PruneInterval;

    public RetentionCutoffs At(DateTimeOffset now) => new(
        EventPayloadsBefore: now - retention.ProcessedEvents,
        EventIdsBefore: now - retention.EventIds,
        AnnouncementsBefore: now - retention.Announcements,
        AnnouncedWindowsEndedBefore: now - announcements.CatchUpLimit,
        EscalationsBefore: now - retention.Escalations,
        CustomersRemovedBefore: now - retention.UninstalledWorkspaces);
}
