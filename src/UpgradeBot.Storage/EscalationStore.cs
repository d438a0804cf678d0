using System.Globalization;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Escalation;

namespace UpgradeBot.Storage;

public sealed class EscalationStore(StoreDatabase database) : IEscalationStore
{
    private const string SelectEscalation = """
        SELECT reference AS Reference, platform AS Platform, tenant_id AS TenantId, user_id AS UserId,
               user_name AS UserName, conversation_id AS ConversationId, topic AS Topic, verdict AS Verdict,
               upgrade_id AS UpgradeId, question AS Question, asked_at AS AskedAt, status AS Status, created_at AS CreatedAt,
               customer_account AS CustomerAccount, support_contact AS SupportContact
        FROM escalations
        """;

    // A Failed escalation never reached Customer Champions, so it does not block asking again; the
    // unique index ux_escalations_open uses the same condition.
    private const string OpenForSameProblem = """
        WHERE platform = @Platform AND tenant_id = @TenantId AND user_id = @UserId AND topic = @Topic
          AND COALESCE(upgrade_id, '') = @UpgradeKey AND status <> 'Failed'
        """;

    public Task<EscalationAdmission> AdmitAsync(
        Asker asker,
        EscalationContext context,
        CustomerProfile? customer,
        IReadOnlyCollection<string> destinations,
        int maxPerUserPerDay,
        DateTimeOffset dayStart,
        DateTimeOffset now,
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
            };
            await session.ExecuteAsync("""
                INSERT INTO escalations (reference, platform, tenant_id, user_id, user_name, conversation_id, topic, verdict,
                                         upgrade_id, question, asked_at, status, created_at, customer_account, support_contact)
                VALUES (@Reference, @Platform, @TenantId, @UserId, @UserName, @ConversationId, @Topic, @Verdict,
                        @UpgradeId, @Question, @AskedAt, @Status, @CreatedAt, @CustomerAccount, @SupportContact);
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
            SelectEscalation + " WHERE reference = @Reference;", new { Reference = reference }, cancellationToken))?.ToRecord();

    public Task<EscalationPage> ListAsync(DeliveryStatus? status, int offset, int limit, CancellationToken cancellationToken = default)
    {
        // SQLite reads a negative LIMIT as "no limit" (PostgreSQL refuses it): refuse it here, alike for both.
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        const string filter = " WHERE (@Status IS NULL OR status = @Status)";
        var args = new { Status = status?.ToString(), Offset = offset, Limit = limit };
        // The page and the total come from the same snapshot.
        return database.SnapshotAsync(async session =>
        {
            var total = await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM escalations" + filter + ";", args);
            var rows = await session.QueryAsync<EscalationRow>(
                SelectEscalation + filter + " ORDER BY created_at DESC, reference DESC LIMIT @Limit OFFSET @Offset;", args);
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

    public async Task<IReadOnlyList<EscalationDelivery>> ListDueDeliveriesAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var rows = await database.QueryAsync<DeliveryRow>("""
            SELECT reference AS Reference, destination AS Destination, attempts AS Attempts, next_attempt_at AS NextAttemptAt
            FROM escalation_deliveries
            WHERE state = 'Pending' AND next_attempt_at <= @Now
            ORDER BY next_attempt_at, reference, destination
            LIMIT @Max;
            """,
            new { Now = now.ToUnixTimeMilliseconds(), Max = max },
            cancellationToken);
        return [.. rows.Select(r => new EscalationDelivery(r.Reference, r.Destination, (int)r.Attempts, DateTimeOffset.FromUnixTimeMilliseconds(r.NextAttemptAt)))];
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
        CancellationToken cancellationToken = default) =>
        // Attempts on one escalation queue on its lock, so its status is worked out from every
        // delivery's committed state, also when two destinations report at once.
        database.WriteAsync($"escalation {reference}", async session =>
        {
            // Once a destination has the escalation it stays Delivered, even if a duplicate worker reports a late failure.
            var attempt = await session.QuerySingleOrDefaultAsync<long?>("""
                UPDATE escalation_deliveries SET
                    attempts = attempts + 1,
                    state = CASE WHEN state = 'Delivered' OR @Succeeded = 1 THEN 'Delivered'
                                 WHEN @RetryAt IS NULL THEN 'Failed'
                                 ELSE 'Pending' END,
                    next_attempt_at = CASE WHEN state = 'Delivered' OR @Succeeded = 1 THEN NULL ELSE @RetryAt END
                WHERE reference = @Reference AND destination = @Destination
                RETURNING attempts;
                """,
                new { Reference = reference, Destination = destination, Succeeded = succeeded ? 1 : 0, RetryAt = retryAt?.ToUnixTimeMilliseconds() })
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

        public EscalationRecord ToRecord() => new(
            Reference,
            new Asker(Platform, TenantId, UserId, UserName, ConversationId),
            new EscalationContext(Topic, Verdict, UpgradeId, Question, DateTimeOffset.FromUnixTimeMilliseconds(AskedAt)),
            Enum.Parse<DeliveryStatus>(Status),
            DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
            CustomerAccount is null && SupportContact is null ? null : new CustomerProfile(CustomerAccount, SupportContact));
    }

    private sealed class DeliveryRow
    {
        public required string Reference { get; init; }
        public required string Destination { get; init; }
        public long Attempts { get; init; }
        public long NextAttemptAt { get; init; }
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
