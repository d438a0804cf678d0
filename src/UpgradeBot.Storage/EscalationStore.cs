using System.Globalization;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Messaging;
using UpgradeBot.Core.Subscriptions;

namespace UpgradeBot.Storage;

public sealed class EscalationStore(StoreDatabase database) : IEscalationStore
{
    private const string SelectEscalation = """
        SELECT e.reference AS Reference, e.platform AS Platform, e.tenant_id AS TenantId, e.user_id AS UserId,
               e.user_name AS UserName, e.conversation_id AS ConversationId, e.topic AS Topic, e.verdict AS Verdict,
               e.upgrade_id AS UpgradeId, e.question AS Question, e.asked_at AS AskedAt, e.status AS Status, e.created_at AS CreatedAt,
               e.customer_account AS CustomerAccount, e.support_contact AS SupportContact,
               e.ticket_id AS TicketId, e.origin_channel_id AS OriginChannelId, e.origin_reference AS OriginReference, e.origin_thread_id AS OriginThreadId,
               a.actor_platform AS AcknowledgedByPlatform, a.actor_id AS AcknowledgedById, a.actor_name AS AcknowledgedByName,
               a.at AS AcknowledgedAt, a.note AS AcknowledgedNote,
               r.actor_platform AS ResolvedByPlatform, r.actor_id AS ResolvedById, r.actor_name AS ResolvedByName,
               r.at AS ResolvedAt, r.note AS ResolvedNote
        FROM escalations e
        LEFT JOIN escalation_state_changes a ON a.reference = e.reference AND a.state = 'Acknowledged'
        LEFT JOIN escalation_state_changes r ON r.reference = e.reference AND r.state = 'Resolved'
        """;

    // A Failed escalation never reached Customer Champions, and a Resolved one is done: neither
    // blocks asking again. The unique index ux_escalations_open uses the same condition.
    private const string OpenForSameProblem = """
        WHERE e.platform = @Platform AND e.tenant_id = @TenantId AND e.user_id = @UserId AND e.topic = @Topic
          AND COALESCE(e.upgrade_id, '') = @UpgradeKey AND e.status <> 'Failed' AND e.state <> 'Resolved'
        """;

    private const string InsertUpdate = """
        INSERT INTO escalation_updates (reference, event, destination, state, attempts, next_attempt_at, created_at)
        VALUES (@Reference, @Event, @Destination, 'Pending', 0, @At, @At)
        ON CONFLICT (reference, event, destination) DO NOTHING;
        """;

    public Task<EscalationAdmission> AdmitAsync(
        Asker asker,
        EscalationContext context,
        CustomerProfile? customer,
        IReadOnlyCollection<string> destinations,
        int maxPerUserPerDay,
        DateTimeOffset dayStart,
        DateTimeOffset now,
        EscalationOrigin? origin,
        CancellationToken cancellationToken = default) =>
        // Concurrent admissions for one user, from this process or another, queue on the user's lock;
        // each then sees what the previous one committed. The day's counter is one row that every
        // admission increments in its own transaction, so each gets a number of its own.
        database.WriteAsync($"escalation-admission {asker.Platform}/{asker.TenantId}/{asker.UserId}", async session =>
        {
            var open = await session.QueryFirstOrDefaultAsync<EscalationRow>(
                SelectEscalation + " " + OpenForSameProblem + ";",
                new { asker.Platform, asker.TenantId, asker.UserId, context.Topic, UpgradeKey = context.UpgradeId ?? "" });
            if (open is not null)
            {
                return new EscalationAdmission(EscalationOutcome.AlreadyOpen, open.ToRecord());
            }

            var createdToday = await session.ExecuteScalarAsync<long>("""
                SELECT COUNT(*) FROM escalations
                WHERE platform = @Platform AND tenant_id = @TenantId AND user_id = @UserId AND created_at >= @DayStart;
                """,
                new { asker.Platform, asker.TenantId, asker.UserId, DayStart = dayStart.ToUnixTimeMilliseconds() });
            if (createdToday >= maxPerUserPerDay)
            {
                return new EscalationAdmission(EscalationOutcome.LimitReached, null);
            }

            var day = now.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            var number = await session.ExecuteScalarAsync<long>("""
                INSERT INTO escalation_counters (day, last_number) VALUES (@Day, 1)
                ON CONFLICT (day) DO UPDATE SET last_number = escalation_counters.last_number + 1
                RETURNING last_number;
                """,
                new { Day = day });

            var row = new EscalationRow
            {
                Reference = string.Create(CultureInfo.InvariantCulture, $"UPG-{day}-{number:D4}"),
                Platform = asker.Platform,
                TenantId = asker.TenantId,
                UserId = asker.UserId,
                UserName = asker.UserName,
                ConversationId = asker.ConversationId,
                Topic = context.Topic,
                Verdict = context.Verdict,
                UpgradeId = context.UpgradeId,
                Question = context.Question,
                AskedAt = context.AskedAt.ToUnixTimeMilliseconds(),
                Status = nameof(DeliveryStatus.Pending),
                CreatedAt = now.ToUnixTimeMilliseconds(),
                CustomerAccount = customer?.AccountId,
                SupportContact = customer?.SupportContact,
                OriginChannelId = origin?.Conversation.Key.ChannelId,
                OriginReference = origin?.Conversation.Reference,
                OriginThreadId = origin?.ThreadId,
            };
            await session.ExecuteAsync("""
                INSERT INTO escalations (reference, platform, tenant_id, user_id, user_name, conversation_id, topic, verdict,
                                         upgrade_id, question, asked_at, status, created_at, customer_account, support_contact,
                                         origin_channel_id, origin_reference, origin_thread_id)
                VALUES (@Reference, @Platform, @TenantId, @UserId, @UserName, @ConversationId, @Topic, @Verdict,
                        @UpgradeId, @Question, @AskedAt, @Status, @CreatedAt, @CustomerAccount, @SupportContact,
                        @OriginChannelId, @OriginReference, @OriginThreadId);
                """,
                row);
            await session.ExecuteAsync("""
                INSERT INTO escalation_deliveries (reference, destination, state, attempts, next_attempt_at)
                VALUES (@Reference, @Destination, 'Pending', 0, @NextAttemptAt);
                """,
                destinations.Distinct().Select(d => new { row.Reference, Destination = d, NextAttemptAt = row.CreatedAt }));
            return new EscalationAdmission(EscalationOutcome.Created, row.ToRecord());
        }, cancellationToken);

    public async Task<EscalationRecord?> GetAsync(string reference, CancellationToken cancellationToken = default) =>
        (await database.QuerySingleOrDefaultAsync<EscalationRow>(
            SelectEscalation + " WHERE e.reference = @Reference;", new { Reference = reference }, cancellationToken))?.ToRecord();

    public Task<EscalationPage> ListAsync(DeliveryStatus? status, EscalationState? state, int offset, int limit, CancellationToken cancellationToken = default)
    {
        // SQLite reads a negative LIMIT as "no limit" (PostgreSQL refuses it): refuse it here, alike for both.
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        const string filter = " WHERE (@Status IS NULL OR e.status = @Status) AND (@State IS NULL OR e.state = @State)";
        var args = new { Status = status?.ToString(), State = state?.ToString(), Offset = offset, Limit = limit };
        // The page and the total come from the same snapshot.
        return database.SnapshotAsync(async session =>
        {
            var total = await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM escalations e" + filter + ";", args);
            var rows = await session.QueryAsync<EscalationRow>(
                SelectEscalation + filter + " ORDER BY e.created_at DESC, e.reference DESC LIMIT @Limit OFFSET @Offset;", args);
            return new EscalationPage([.. rows.Select(r => r.ToRecord())], (int)total);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<DeliveryAttempt>> ListAttemptsAsync(string reference, CancellationToken cancellationToken = default) =>
        [.. (await database.QueryAsync<AttemptRow>("""
            SELECT destination AS Destination, attempt AS Attempt, at AS At, succeeded AS Succeeded, error AS Error
            FROM escalation_attempts
            WHERE reference = @Reference
            ORDER BY at, destination, attempt;
            """,
            new { Reference = reference },
            cancellationToken))
            .Select(r => new DeliveryAttempt(r.Destination, (int)r.Attempt, DateTimeOffset.FromUnixTimeMilliseconds(r.At), r.Succeeded != 0, r.Error))];

    public async Task<IReadOnlyList<EscalationDelivery>> ClaimDueDeliveriesAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var rows = await database.WriteAsync(session => session.QueryAsync<DeliveryRow>(
            $"""
            UPDATE escalation_deliveries SET next_attempt_at = @LeaseEnd
            WHERE (reference, destination) IN (
                SELECT reference, destination FROM escalation_deliveries
                WHERE state = 'Pending' AND next_attempt_at <= @Now
                ORDER BY next_attempt_at, reference, destination
                LIMIT @Max
                {database.SkipLocked})
            RETURNING reference AS Reference, destination AS Destination, attempts AS Attempts;
            """,
            new { Now = now.ToUnixTimeMilliseconds(), LeaseEnd = (now + lease).ToUnixTimeMilliseconds(), Max = max }), cancellationToken);
        // RETURNING keeps no order; by reference, an escalation's destinations come together and the day's oldest first.
        return [.. rows.Select(r => new EscalationDelivery(r.Reference, r.Destination, (int)r.Attempts)).OrderBy(d => d.Reference, StringComparer.Ordinal).ThenBy(d => d.Destination, StringComparer.Ordinal)];
    }

    public Task PostponeDeliveryAsync(string reference, string destination, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        database.ExecuteAsync(
            "UPDATE escalation_deliveries SET next_attempt_at = @Until WHERE reference = @Reference AND destination = @Destination AND state = 'Pending';",
            new { Reference = reference, Destination = destination, Until = until.ToUnixTimeMilliseconds() },
            cancellationToken);

    public Task RecordAttemptAsync(
        string reference,
        string destination,
        DateTimeOffset at,
        bool succeeded,
        string? error,
        DateTimeOffset? retryAt,
        string? messageId,
        CancellationToken cancellationToken = default) =>
        // Attempts on one escalation queue on its lock, so its status is worked out from every
        // delivery's committed state, also when two destinations report at once.
        database.WriteAsync(EscalationLock(reference), async session =>
        {
            // Once a destination has the escalation it stays Delivered, even if a duplicate worker reports a late failure.
            var attempt = await session.QuerySingleOrDefaultAsync<long?>("""
                UPDATE escalation_deliveries SET
                    attempts = attempts + 1,
                    state = CASE WHEN state = 'Delivered' OR @Succeeded = 1 THEN 'Delivered'
                                 WHEN @RetryAt IS NULL THEN 'Failed'
                                 ELSE 'Pending' END,
                    next_attempt_at = CASE WHEN state = 'Delivered' OR @Succeeded = 1 THEN NULL ELSE @RetryAt END,
                    message_id = COALESCE(@MessageId, message_id)
                WHERE reference = @Reference AND destination = @Destination
                RETURNING attempts;
                """,
                new { Reference = reference, Destination = destination, Succeeded = succeeded ? 1 : 0, RetryAt = retryAt?.ToUnixTimeMilliseconds(), MessageId = messageId })
                ?? throw new InvalidOperationException($"Escalation {reference} has no delivery to {destination}.");

            await session.ExecuteAsync("""
                INSERT INTO escalation_attempts (reference, destination, attempt, at, succeeded, error)
                VALUES (@Reference, @Destination, @Attempt, @At, @Succeeded, @Error);
                """,
                new { Reference = reference, Destination = destination, Attempt = attempt, At = at.ToUnixTimeMilliseconds(), Succeeded = succeeded ? 1 : 0, Error = error });

            await session.ExecuteAsync("""
                UPDATE escalations SET status = CASE
                    WHEN EXISTS (SELECT 1 FROM escalation_deliveries d WHERE d.reference = @Reference AND d.state = 'Failed') THEN 'Failed'
                    WHEN NOT EXISTS (SELECT 1 FROM escalation_deliveries d WHERE d.reference = @Reference AND d.state <> 'Delivered') THEN 'Delivered'
                    ELSE 'Pending' END
                WHERE reference = @Reference;
                """,
                new { Reference = reference });
        }, cancellationToken);

    public Task<EscalationChange> ChangeStateAsync(string reference, EscalationStateChange change, IReadOnlyCollection<string> notify, CancellationToken cancellationToken = default) =>
        // Changes of one escalation queue on its lock: of two clicks at once, the second sees the
        // first one's state and changes nothing.
        database.WriteAsync(EscalationLock(reference), async session =>
        {
            var current = await session.QuerySingleOrDefaultAsync<string>(
                "SELECT state FROM escalations WHERE reference = @Reference;", new { Reference = reference });
            if (current is null)
            {
                return new EscalationChange(EscalationChangeOutcome.NotFound, null);
            }

            if (Enum.Parse<EscalationState>(current) >= change.State)
            {
                return new EscalationChange(EscalationChangeOutcome.AlreadyDone, await ReadAsync(session, reference));
            }

            var at = change.At.ToUnixTimeMilliseconds();
            await session.ExecuteAsync(
                "UPDATE escalations SET state = @State WHERE reference = @Reference;",
                new { Reference = reference, State = change.State.ToString() });
            await session.ExecuteAsync("""
                INSERT INTO escalation_state_changes (reference, state, actor_platform, actor_id, actor_name, at, note)
                VALUES (@Reference, @State, @ActorPlatform, @ActorId, @ActorName, @At, @Note);
                """,
                new { Reference = reference, State = change.State.ToString(), ActorPlatform = change.By.Platform, ActorId = change.By.Id, ActorName = change.By.Name, At = at, change.Note });
            var happened = change.State == EscalationState.Acknowledged ? EscalationEvent.Acknowledged : EscalationEvent.Resolved;
            await session.ExecuteAsync(InsertUpdate, notify.Distinct().Select(d => new { Reference = reference, Event = happened.ToString(), Destination = d, At = at }));
            return new EscalationChange(EscalationChangeOutcome.Changed, await ReadAsync(session, reference));
        }, cancellationToken);

    public Task RecordTicketAsync(string reference, string ticketId, IReadOnlyCollection<string> notify, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync(EscalationLock(reference), async session =>
        {
            await session.ExecuteAsync("UPDATE escalations SET ticket_id = @TicketId WHERE reference = @Reference;", new { Reference = reference, TicketId = ticketId });
            await session.ExecuteAsync(InsertUpdate, notify.Distinct().Select(d => new
            {
                Reference = reference,
                Event = nameof(EscalationEvent.TicketOpened),
                Destination = d,
                At = at.ToUnixTimeMilliseconds(),
            }));
        }, cancellationToken);

    public async Task<IReadOnlyList<EscalationUpdate>> ClaimDueUpdatesAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var rows = await database.WriteAsync(session => session.QueryAsync<UpdateRow>(
            $"""
            UPDATE escalation_updates SET next_attempt_at = @LeaseEnd
            WHERE (reference, event, destination) IN (
                SELECT u.reference, u.event, u.destination FROM escalation_updates u
                WHERE u.state = 'Pending' AND u.next_attempt_at <= @Now
                  AND NOT EXISTS (SELECT 1 FROM escalation_deliveries d WHERE d.reference = u.reference AND d.destination = u.destination AND d.state = 'Pending')
                ORDER BY u.next_attempt_at, u.reference, u.event, u.destination
                LIMIT @Max
                {database.SkipLocked})
            RETURNING reference AS Reference, event AS Event, destination AS Destination, attempts AS Attempts,
                (SELECT d.message_id FROM escalation_deliveries d WHERE d.reference = escalation_updates.reference AND d.destination = escalation_updates.destination) AS PostId;
            """,
            new { Now = now.ToUnixTimeMilliseconds(), LeaseEnd = (now + lease).ToUnixTimeMilliseconds(), Max = max }), cancellationToken);
        // RETURNING keeps no order: an escalation's updates come together, in the order they happened.
        return [.. rows.Select(r => new EscalationUpdate(r.Reference, Enum.Parse<EscalationEvent>(r.Event), r.Destination, (int)r.Attempts, r.PostId))
            .OrderBy(u => u.Reference, StringComparer.Ordinal).ThenBy(u => u.Event).ThenBy(u => u.Destination, StringComparer.Ordinal)];
    }

    public Task PostponeUpdateAsync(EscalationUpdate update, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        database.ExecuteAsync(
            "UPDATE escalation_updates SET next_attempt_at = @Until WHERE reference = @Reference AND event = @Event AND destination = @Destination AND state = 'Pending';",
            new { update.Reference, Event = update.Event.ToString(), update.Destination, Until = until.ToUnixTimeMilliseconds() },
            cancellationToken);

    public Task RecordUpdateAttemptAsync(
        EscalationUpdate update,
        DateTimeOffset at,
        EscalationUpdateState outcome,
        string? error,
        DateTimeOffset? retryAt,
        string? messageId,
        CancellationToken cancellationToken = default)
    {
        if (outcome == EscalationUpdateState.Pending && retryAt is null)
        {
            throw new ArgumentException("A failed attempt that is tried again needs the time it is due again.", nameof(retryAt));
        }

        return database.WriteAsync(EscalationLock(update.Reference), async session =>
        {
            // A skipped row sent nothing, so it counts no attempt.
            await session.ExecuteAsync("""
                UPDATE escalation_updates SET
                    attempts = attempts + @Counted,
                    state = @State,
                    next_attempt_at = @RetryAt,
                    error = @Error
                WHERE reference = @Reference AND event = @Event AND destination = @Destination AND state = 'Pending';
                """,
                new
                {
                    update.Reference,
                    Event = update.Event.ToString(),
                    update.Destination,
                    Counted = outcome == EscalationUpdateState.Skipped ? 0 : 1,
                    State = outcome.ToString(),
                    RetryAt = outcome == EscalationUpdateState.Pending ? retryAt?.ToUnixTimeMilliseconds() : null,
                    Error = error,
                });
            if (messageId is not null)
            {
                await session.ExecuteAsync(
                    "UPDATE escalation_deliveries SET message_id = @MessageId WHERE reference = @Reference AND destination = @Destination AND message_id IS NULL;",
                    new { update.Reference, update.Destination, MessageId = messageId });
            }
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<EscalationUpdateStatus>> ListUpdatesAsync(string reference, CancellationToken cancellationToken = default) =>
        [.. (await database.QueryAsync<UpdateStatusRow>("""
            SELECT event AS Event, destination AS Destination, state AS State, attempts AS Attempts, error AS Error
            FROM escalation_updates
            WHERE reference = @Reference
            ORDER BY created_at, event, destination;
            """,
            new { Reference = reference },
            cancellationToken))
            .Select(r => new EscalationUpdateStatus(Enum.Parse<EscalationEvent>(r.Event), r.Destination, Enum.Parse<EscalationUpdateState>(r.State), (int)r.Attempts, r.Error))];

    private static string EscalationLock(string reference) => $"escalation {reference}";

    private static async Task<EscalationRecord> ReadAsync(DbSession session, string reference) =>
        (await session.QuerySingleOrDefaultAsync<EscalationRow>(SelectEscalation + " WHERE e.reference = @Reference;", new { Reference = reference }))!.ToRecord();

    private sealed class EscalationRow
    {
        public required string Reference { get; init; }
        public required string Platform { get; init; }
        public required string TenantId { get; init; }
        public required string UserId { get; init; }
        public required string UserName { get; init; }
        public required string ConversationId { get; init; }
        public required string Topic { get; init; }
        public required string Verdict { get; init; }
        public string? UpgradeId { get; init; }
        public required string Question { get; init; }
        public long AskedAt { get; init; }
        public required string Status { get; init; }
        public long CreatedAt { get; init; }
        public string? CustomerAccount { get; init; }
        public string? SupportContact { get; init; }
        public string? TicketId { get; init; }
        public string? OriginChannelId { get; init; }
        public string? OriginReference { get; init; }
        public string? OriginThreadId { get; init; }
        public string? AcknowledgedByPlatform { get; init; }
        public string? AcknowledgedById { get; init; }
        public string? AcknowledgedByName { get; init; }
        public long? AcknowledgedAt { get; init; }
        public string? AcknowledgedNote { get; init; }
        public string? ResolvedByPlatform { get; init; }
        public string? ResolvedById { get; init; }
        public string? ResolvedByName { get; init; }
        public long? ResolvedAt { get; init; }
        public string? ResolvedNote { get; init; }

        public EscalationRecord ToRecord() => new(
            Reference,
            new Asker(Platform, TenantId, UserId, UserName, ConversationId),
            new EscalationContext(Topic, Verdict, UpgradeId, Question, DateTimeOffset.FromUnixTimeMilliseconds(AskedAt)),
            Enum.Parse<DeliveryStatus>(Status),
            DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
            CustomerAccount is null && SupportContact is null ? null : new CustomerProfile(CustomerAccount, SupportContact),
            Acknowledged: Change(EscalationState.Acknowledged, AcknowledgedByPlatform, AcknowledgedById, AcknowledgedByName, AcknowledgedAt, AcknowledgedNote),
            Resolved: Change(EscalationState.Resolved, ResolvedByPlatform, ResolvedById, ResolvedByName, ResolvedAt, ResolvedNote),
            TicketId: TicketId,
            Origin: OriginChannelId is null || OriginReference is null
                ? null
                : new EscalationOrigin(new ConversationAddress(new ConversationKey(Platform, TenantId, OriginChannelId), OriginReference), OriginThreadId));

        private static EscalationStateChange? Change(EscalationState state, string? platform, string? id, string? name, long? at, string? note) =>
            platform is null || id is null || name is null || at is null
                ? null
                : new EscalationStateChange(state, new EscalationActor(platform, id, name), DateTimeOffset.FromUnixTimeMilliseconds(at.Value), note);
    }

    private sealed class DeliveryRow
    {
        public required string Reference { get; init; }
        public required string Destination { get; init; }
        public long Attempts { get; init; }
    }

    private sealed class UpdateRow
    {
        public required string Reference { get; init; }
        public required string Event { get; init; }
        public required string Destination { get; init; }
        public long Attempts { get; init; }
        public string? PostId { get; init; }
    }

    private sealed class UpdateStatusRow
    {
        public required string Event { get; init; }
        public required string Destination { get; init; }
        public required string State { get; init; }
        public long Attempts { get; init; }
        public string? Error { get; init; }
    }

    private sealed class AttemptRow
    {
        public required string Destination { get; init; }
        public long Attempt { get; init; }
        public long At { get; init; }
        public long Succeeded { get; init; }
        public string? Error { get; init; }
    }
}
