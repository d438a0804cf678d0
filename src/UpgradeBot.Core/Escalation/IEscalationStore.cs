using UpgradeBot.Core.Answers;

namespace UpgradeBot.Core.Escalation;

/// <summary>The outcome of trying to record an escalation; <see cref="Escalation"/> is null only when the limit was hit.</summary>
public sealed record EscalationAdmission(EscalationOutcome Outcome, EscalationRecord? Escalation);

/// <summary>One pending delivery of an escalation to one destination (the outbox row).</summary>
public sealed record EscalationDelivery(string Reference, string Destination, int Attempts, DateTimeOffset NextAttemptAt);

/// <summary>One try at delivering an escalation, as the admin API shows it.</summary>
public sealed record DeliveryAttempt(string Destination, int Attempt, DateTimeOffset At, bool Succeeded, string? Error);

public sealed record EscalationPage(IReadOnlyList<EscalationRecord> Items, int Total);

public interface IEscalationStore
{
    /// <summary>
    /// In one transaction: returns the open escalation of this user for the same tenant, topic and
    /// upgrade if there is one (<see cref="EscalationOutcome.AlreadyOpen"/>); otherwise refuses when
    /// the user created <paramref name="maxPerUserPerDay"/> escalations since <paramref name="dayStart"/>
    /// (<see cref="EscalationOutcome.LimitReached"/>); otherwise creates it with the next reference
    /// <c>UPG-yyyyMMdd-NNNN</c> for <paramref name="now"/>'s UTC date, plus one outbox row per destination
    /// due at <paramref name="now"/> (<see cref="EscalationOutcome.Created"/>). Safe under concurrent
    /// calls from several processes sharing the database.
    /// </summary>
    Task<EscalationAdmission> AdmitAsync(
        Asker asker,
        EscalationContext context,
        IReadOnlyCollection<string> destinations,
        int maxPerUserPerDay,
        DateTimeOffset dayStart,
        DateTimeOffset now,
        CancellationToken cancellationToken = default);

    Task<EscalationRecord?> GetAsync(string reference, CancellationToken cancellationToken = default);

    /// <summary>Newest first.</summary>
    Task<EscalationPage> ListAsync(DeliveryStatus? status, int offset, int limit, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DeliveryAttempt>> ListAttemptsAsync(string reference, CancellationToken cancellationToken = default);

    /// <summary>Outbox rows whose next attempt is due at <paramref name="now"/>, oldest first.</summary>
    Task<IReadOnlyList<EscalationDelivery>> ListDueDeliveriesAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records one attempt. <paramref name="retryAt"/> null with a failure means the destination gave up.
    /// The escalation becomes Delivered when every destination succeeded and Failed when any gave up.
    /// </summary>
    Task RecordAttemptAsync(
        string reference,
        string destination,
        DateTimeOffset at,
        bool succeeded,
        string? error,
        DateTimeOffset? retryAt,
        CancellationToken cancellationToken = default);
}
