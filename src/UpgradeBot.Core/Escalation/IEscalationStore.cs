namespace UpgradeBot.Core.Escalation;

public interface IEscalationStore
{
    /// <summary>
    /// In one transaction: returns the open escalation of this user for the same tenant, topic and
    /// upgrade if there is one (<see cref="EscalationOutcome.AlreadyOpen"/>; a resolved or failed one
    /// does not count); otherwise refuses when the user created <paramref name="maxPerUserPerDay"/>
    /// escalations since <paramref name="dayStart"/> (<see cref="EscalationOutcome.LimitReached"/>);
    /// otherwise creates it with the next reference <c>UPG-yyyyMMdd-NNNN</c> for <paramref name="now"/>'s
    /// UTC date, keeping <paramref name="customer"/> and remembering <paramref name="origin"/>, plus one
    /// outbox row per destination due at <paramref name="now"/> (<see cref="EscalationOutcome.Created"/>).
    /// Safe under concurrent calls from several processes sharing the database.
    /// </summary>
    Task<EscalationAdmission> AdmitAsync(
        Asker asker,
        EscalationContext context,
        CustomerProfile? customer,
        IReadOnlyCollection<string> destinations,
        int maxPerUserPerDay,
        DateTimeOffset dayStart,
        DateTimeOffset now,
        EscalationOrigin? origin,
        CancellationToken cancellationToken = default);

    Task<EscalationRecord?> GetAsync(string reference, CancellationToken cancellationToken = default);

    /// <summary>Newest first; each filter applies when given.</summary>
    Task<EscalationPage> ListAsync(DeliveryStatus? status, EscalationState? state, int offset, int limit, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DeliveryAttempt>> ListAttemptsAsync(string reference, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes up to <paramref name="max"/> pending deliveries due at <paramref name="now"/>, oldest
    /// first, and hides them from other claims for <paramref name="lease"/>: two outboxes sharing the
    /// database do not send the same delivery, and one whose sender died becomes due again when the
    /// lease ends. Recording an attempt or postponing ends the lease.
    /// </summary>
    Task<IReadOnlyList<EscalationDelivery>> ClaimDueDeliveriesAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default);

    /// <summary>Makes a pending delivery due again at <paramref name="until"/> without counting an attempt (nothing was sent: our own rate limit).</summary>
    Task PostponeDeliveryAsync(string reference, string destination, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records one attempt. <paramref name="retryAt"/> null with a failure means the destination gave up.
    /// <paramref name="messageId"/> is what the destination called its post (a Slack ts, a Teams
    /// activity id, a ticket id), kept so the post can be updated later. The escalation becomes
    /// Delivered when every destination succeeded and Failed when any gave up.
    /// </summary>
    Task RecordAttemptAsync(
        string reference,
        string destination,
        DateTimeOffset at,
        bool succeeded,
        string? error,
        DateTimeOffset? retryAt,
        string? messageId,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves the escalation to <paramref name="change"/>'s state, in one transaction that no other
    /// change of the same escalation runs beside (in any process): when it already reached that state
    /// or a later one nothing changes (<see cref="EscalationChangeOutcome.AlreadyDone"/>); otherwise the
    /// change is kept with who, when and the note, and an update row is queued for each of
    /// <paramref name="notify"/>, due at the change's time (<see cref="EscalationChangeOutcome.Changed"/>).
    /// Either way the escalation comes back as it stands after.
    /// </summary>
    Task<EscalationChange> ChangeStateAsync(string reference, EscalationStateChange change, IReadOnlyCollection<string> notify, CancellationToken cancellationToken = default);

    /// <summary>
    /// Keeps the help desk's ticket id and queues a <see cref="EscalationEvent.TicketOpened"/> update
    /// for each of <paramref name="notify"/> due at <paramref name="at"/>. Recording the same ticket
    /// again (a retried delivery the help desk answered with the same ticket) queues nothing new.
    /// </summary>
    Task RecordTicketAsync(string reference, string ticketId, IReadOnlyCollection<string> notify, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims update rows due at <paramref name="now"/>, oldest first, for <paramref name="lease"/> (as
    /// <see cref="ClaimDueDeliveriesAsync"/>). A row for a destination whose first post of the
    /// escalation is still pending waits for it, so it updates what is already there.
    /// </summary>
    Task<IReadOnlyList<EscalationUpdate>> ClaimDueUpdatesAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="PostponeDeliveryAsync"/>, for an update row.</summary>
    Task PostponeUpdateAsync(EscalationUpdate update, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records one attempt at an update: <see cref="EscalationUpdateState.Sent"/> or
    /// <see cref="EscalationUpdateState.Skipped"/> (nothing to update) end the row, a failure with
    /// <paramref name="retryAt"/> makes it due again then, without it the row gave up. A post made
    /// anew (<paramref name="messageId"/>) becomes the destination's post when it had none.
    /// </summary>
    Task RecordUpdateAttemptAsync(
        EscalationUpdate update,
        DateTimeOffset at,
        EscalationUpdateState outcome,
        string? error,
        DateTimeOffset? retryAt,
        string? messageId,
        CancellationToken cancellationToken = default);

    /// <summary>Every update row of the escalation, for the admin API: oldest event first.</summary>
    Task<IReadOnlyList<EscalationUpdateStatus>> ListUpdatesAsync(string reference, CancellationToken cancellationToken = default);
}
