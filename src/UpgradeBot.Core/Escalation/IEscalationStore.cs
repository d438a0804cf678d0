using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Customers;

namespace UpgradeBot.Core.Escalation;

public interface IEscalationStore
{
    /// <summary>
    /// In one transaction: returns the open escalation of this user for the same tenant, topic and
    /// upgrade if there is one (<see cref="EscalationOutcome.AlreadyOpen"/>); otherwise refuses when
    /// the user created <paramref name="maxPerUserPerDay"/> escalations since <paramref name="dayStart"/>
    /// (<see cref="EscalationOutcome.LimitReached"/>); otherwise creates it with the next reference
    /// <c>UPG-yyyyMMdd-NNNN</c> for <paramref name="now"/>'s UTC date, plus one outbox row per destination
    /// due at <paramref name="now"/> (<see cref="EscalationOutcome.Created"/>); a new one keeps
    /// <paramref name="customer"/>. Safe under concurrent calls from several processes sharing the database.
    /// </summary>
    Task<EscalationAdmission> AdmitAsync(
        Asker asker,
        EscalationContext context,
        CustomerProfile? customer,
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

    /// <summary>Makes a pending delivery due again at <paramref name="until"/> without counting an attempt (nothing was sent: our own rate limit).</summary>
    Task PostponeDeliveryAsync(string reference, string destination, DateTimeOffset until, CancellationToken cancellationToken = default);

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
