namespace UpgradeBot.Core.Retention;

/// <summary>
/// What may be deleted at one moment: for each rule, the instant its clock must read earlier than.
/// Computed by <see cref="RetentionPolicy"/>; the store compares its rows with them.
/// </summary>
/// <param name="EventPayloadsBefore">An inbound event handled (or given up) before this loses its payload; its id stays.</param>
/// <param name="EventIdsBefore">An inbound event handled before this goes altogether.</param>
/// <param name="AnnouncementsBefore">An announcement row that reached its final state (sent, failed, dropped) before this goes…</param>
/// <param name="AnnouncedWindowsEndedBefore">…unless its upgrade ended at or after this: the planner still reads what was said about an upgrade it announces, and would say it again.</param>
/// <param name="EscalationsBefore">An escalation closed (<see cref="RetentionPolicy.Closed"/>, <see cref="RetentionPolicy.GivenUp"/>) before this goes, with its deliveries, attempts, state changes and updates.</param>
/// <param name="CustomersRemovedBefore">A customer that removed the app before this, and has not come back, is erased.</param>
public sealed record RetentionCutoffs(
    DateTimeOffset EventPayloadsBefore,
    DateTimeOffset EventIdsBefore,
    DateTimeOffset AnnouncementsBefore,
    DateTimeOffset AnnouncedWindowsEndedBefore,
    DateTimeOffset EscalationsBefore,
    DateTimeOffset CustomersRemovedBefore);
