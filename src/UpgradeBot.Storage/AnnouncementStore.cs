using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Subscriptions;

namespace UpgradeBot.Storage;

public sealed class AnnouncementStore(StoreDatabase database) : IAnnouncementStore
{
    private const string Columns = """
        window_id AS WindowId, kind AS Kind, phase AS Phase, revision AS Revision, platform AS Platform,
        tenant_id AS TenantId, channel_id AS ChannelId, due_at AS DueAt, created_at AS CreatedAt, late AS Late,
        state AS State, attempts AS Attempts, message_id AS MessageId
        """;

    private const string KeyMatch = """
        window_id = @WindowId AND kind = @Kind AND phase = @Phase AND revision = @Revision
        AND platform = @Platform AND tenant_id = @TenantId AND channel_id = @ChannelId
        """;

    /// <summary>Rows per INSERT statement: about 5,000 parameters, within both providers' limits.</summary>
    private const int RowsPerInsert = 500;

    /// <summary>
    /// One transaction and one statement per <see cref="RowsPerInsert"/> rows: every instance of a fleet
    /// plans the same rows, and a statement per row would be thousands of round trips for each at the
    /// start of a fan-out, while the first instance is already sending.
    /// </summary>
    public Task<int> AddAsync(IReadOnlyCollection<PlannedAnnouncement> planned, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        planned.Count == 0
            ? Task.FromResult(0)
            : database.WriteAsync(async session =>
            {
                var added = 0;
                foreach (var rows in planned.Chunk(RowsPerInsert))
                {
                    var parameters = new DynamicParameters(new { Now = now.ToUnixTimeMilliseconds() });
                    var values = rows.Select((p, i) =>
                    {
                        parameters.Add($"W{i}", p.Key.WindowId);
                        parameters.Add($"K{i}", p.Key.Kind.ToWire());
                        parameters.Add($"Ph{i}", p.Key.Phase);
                        parameters.Add($"R{i}", p.Key.Revision);
                        parameters.Add($"Pl{i}", p.Key.Conversation.Platform);
                        parameters.Add($"T{i}", p.Key.Conversation.TenantId);
                        parameters.Add($"C{i}", p.Key.Conversation.ChannelId);
                        parameters.Add($"D{i}", p.DueAt.ToUnixTimeMilliseconds());
                        parameters.Add($"L{i}", p.Late ? 1 : 0);
                        parameters.Add($"S{i}", Random.Shared.Next());
                        return $"(@W{i}, @K{i}, @Ph{i}, @R{i}, @Pl{i}, @T{i}, @C{i}, @D{i}, @Now, @L{i}, 'Pending', 0, @Now, @S{i})";
                    });
                    added += await session.ExecuteAsync(
                        $"""
                        INSERT INTO announcements (window_id, kind, phase, revision, platform, tenant_id, channel_id,
                                                   due_at, created_at, late, state, attempts, next_attempt_at, spread)
                        VALUES {string.Join(", ", values)}
                        ON CONFLICT DO NOTHING;
                        """,
                        parameters);
                }

                return added;
            }, cancellationToken);

    public async Task<IReadOnlyList<AnnouncementRecord>> ListForWindowsAsync(IReadOnlyCollection<string> windowIds, CancellationToken cancellationToken = default)
    {
        if (windowIds.Count == 0)
        {
            return [];
        }

        // One parameter per id: Dapper expands "IN @Ids" for SQLite but hands Npgsql an array, which IN cannot take.
        var parameters = new DynamicParameters();
        var names = windowIds.Select((id, i) =>
        {
            parameters.Add($"Id{i}", id);
            return $"@Id{i}";
        }).ToList();
        return ToRecords(await database.QueryAsync<Row>(
            $"SELECT {Columns} FROM announcements WHERE window_id IN ({string.Join(", ", names)}) ORDER BY created_at, window_id;", parameters, cancellationToken));
    }

    public async Task<IReadOnlyList<AnnouncementRecord>> ListForConversationAsync(string windowId, ConversationKey conversation, CancellationToken cancellationToken = default) =>
        ToRecords(await database.QueryAsync<Row>(
            $"""
            SELECT {Columns} FROM announcements
            WHERE window_id = @WindowId AND platform = @Platform AND tenant_id = @TenantId AND channel_id = @ChannelId
            ORDER BY created_at, kind, phase;
            """,
            new { WindowId = windowId, conversation.Platform, conversation.TenantId, conversation.ChannelId },
            cancellationToken));

    public async Task<bool> AnyForWindowAsync(string windowId, CancellationToken cancellationToken = default) =>
        await database.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM announcements WHERE window_id = @WindowId);", new { WindowId = windowId }, cancellationToken);

    public async Task<IReadOnlyList<AnnouncementRecord>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default)
    {
        // SQLite reads a negative LIMIT as "no limit" (PostgreSQL refuses it): refuse it here, alike for both.
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var rows = await database.WriteAsync(session => session.QueryAsync<Row>(
            $"""
            UPDATE announcements SET next_attempt_at = @LeaseEnd
            WHERE (window_id, kind, phase, revision, platform, tenant_id, channel_id) IN (
                SELECT window_id, kind, phase, revision, platform, tenant_id, channel_id FROM announcements
                WHERE state = 'Pending' AND next_attempt_at <= @Now
                ORDER BY next_attempt_at, due_at, spread
                LIMIT @Max
                {database.SkipLocked})
            RETURNING {Columns};
            """,
            new { Now = now.ToUnixTimeMilliseconds(), LeaseEnd = (now + lease).ToUnixTimeMilliseconds(), Max = max }), cancellationToken);
        return [.. rows.Select(r => r.ToRecord()).OrderBy(r => r.DueAt)];
    }

    public Task MarkSentAsync(AnnouncementKey key, string? messageId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        UpdateAsync(key, """
            state = 'Sent', attempts = attempts + 1, next_attempt_at = NULL, message_id = @MessageId, error = NULL, finished_at = @At
            """, new { MessageId = messageId, At = at.ToUnixTimeMilliseconds() }, cancellationToken);

    public Task MarkRetryAsync(AnnouncementKey key, string error, DateTimeOffset retryAt, CancellationToken cancellationToken = default) =>
        UpdateAsync(key, "attempts = attempts + 1, next_attempt_at = @RetryAt, error = @Error", new { Error = error, RetryAt = retryAt.ToUnixTimeMilliseconds() }, cancellationToken);

    public Task MarkFinalAsync(AnnouncementKey key, AnnouncementState state, string error, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        if (state is not (AnnouncementState.Failed or AnnouncementState.Dropped))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "Only Failed and Dropped end a row without sending it.");
        }

        return UpdateAsync(key, """
            state = @State, attempts = attempts + @Counted, next_attempt_at = NULL, error = @Error, finished_at = @At
            """, new { State = state.ToString(), Counted = state == AnnouncementState.Failed ? 1 : 0, Error = error, At = at.ToUnixTimeMilliseconds() }, cancellationToken);
    }

    public Task PostponeAsync(AnnouncementKey key, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        UpdateAsync(key, "next_attempt_at = @Until", new { Until = until.ToUnixTimeMilliseconds() }, cancellationToken);

    /// <summary>Changes only a pending row: once sent, failed or dropped, a late report from another dispatcher cannot undo it.</summary>
    private async Task UpdateAsync(AnnouncementKey key, string assignments, object values, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(values);
        parameters.AddDynamicParams(new
        {
            key.WindowId,
            Kind = key.Kind.ToWire(),
            key.Phase,
            key.Revision,
            key.Conversation.Platform,
            key.Conversation.TenantId,
            key.Conversation.ChannelId,
        });
        await database.ExecuteAsync($"UPDATE announcements SET {assignments} WHERE {KeyMatch} AND state = 'Pending';", parameters, cancellationToken);
    }

    private static List<AnnouncementRecord> ToRecords(IEnumerable<Row> rows) => [.. rows.Select(r => r.ToRecord())];

    private sealed class Row
    {
        public required string WindowId { get; init; }
        public required string Kind { get; init; }
        public long Phase { get; init; }
        public long Revision { get; init; }
        public required string Platform { get; init; }
        public required string TenantId { get; init; }
        public required string ChannelId { get; init; }
        public long DueAt { get; init; }
        public long CreatedAt { get; init; }
        public long Late { get; init; }
        public required string State { get; init; }
        public long Attempts { get; init; }
        public string? MessageId { get; init; }

        public AnnouncementRecord ToRecord() => new(
            new AnnouncementKey(WindowId, AnnouncementKindNames.Parse(Kind), (int)Phase, (int)Revision, new ConversationKey(Platform, TenantId, ChannelId)),
            DateTimeOffset.FromUnixTimeMilliseconds(DueAt),
            DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
            Late != 0,
            Enum.Parse<AnnouncementState>(State),
            (int)Attempts,
            MessageId);
    }
}
