using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Retention;

namespace UpgradeBot.Storage;

/// <summary>
/// The retention rules in SQL. Each rule is one statement that deletes (or, for event payloads,
/// clears) at most a batch of rows picked by the rule's index: its own short transaction. On
/// PostgreSQL the rows are picked with SKIP LOCKED, so instances pruning at once take different rows.
/// </summary>
public sealed class RetentionStore(StoreDatabase database) : IRetentionStore
{
    private readonly string _clearPayloads = $"""
        UPDATE inbound_events SET payload = ''
        WHERE (platform, event_id) IN (
            SELECT platform, event_id FROM inbound_events
            WHERE processed_at IS NOT NULL AND payload <> '' AND processed_at < @Before
            LIMIT @Max
            {database.SkipLocked});
        """;

    private readonly string _deleteEventIds = $"""
        DELETE FROM inbound_events
        WHERE (platform, event_id) IN (
            SELECT platform, event_id FROM inbound_events
            WHERE processed_at IS NOT NULL AND processed_at < @Before
            LIMIT @Max
            {database.SkipLocked});
        """;

    // What was said about an upgrade that is still announced is what the planner reads to say
    // nothing twice: such rows wait until the upgrade is past Announcements:CatchUpLimit.
    private readonly string _deleteAnnouncements = $"""
        DELETE FROM announcements
        WHERE (window_id, kind, phase, revision, platform, tenant_id, channel_id) IN (
            SELECT a.window_id, a.kind, a.phase, a.revision, a.platform, a.tenant_id, a.channel_id FROM announcements a
            WHERE a.state <> 'Pending' AND a.finished_at < @Before
              AND NOT EXISTS (SELECT 1 FROM upgrade_windows w WHERE w.id = a.window_id AND w.ends_at >= @WindowsEndedBefore)
            LIMIT @Max
            {database.SkipLocked});
        """;

    // Closed by RetentionPolicy: resolved, as of its resolution; or still open with its delivery given
    // up, as of its last attempt (an escalation created after the cutoff cannot have closed before
    // it, which lets the index skip those). Deliveries, attempts, state changes and updates go with
    // it (ON DELETE CASCADE).
    private readonly string _deleteEscalations = $"""
        DELETE FROM escalations
        WHERE reference IN (
            SELECT e.reference FROM escalations e
            WHERE e.created_at < @Before
              AND ((e.state = '{RetentionPolicy.Closed}'
                    AND NOT EXISTS (SELECT 1 FROM escalation_state_changes c WHERE c.reference = e.reference AND c.at >= @Before))
                OR (e.state = '{EscalationState.Open}' AND e.status = '{RetentionPolicy.GivenUp}'
                    AND NOT EXISTS (SELECT 1 FROM escalation_attempts t WHERE t.reference = e.reference AND t.at >= @Before)))
            LIMIT @Max
            {database.SkipLocked});
        """;

    public async Task<PrunedRows> PruneAsync(RetentionCutoffs cutoffs, int batchSize, CancellationToken cancellationToken = default)
    {
        // SQLite reads a negative LIMIT as "no limit" (PostgreSQL refuses it): refuse it here, alike for both.
        ArgumentOutOfRangeException.ThrowIfNegative(batchSize);
        var payloads = await database.ExecuteAsync(_clearPayloads, new { Before = Ms(cutoffs.EventPayloadsBefore), Max = batchSize }, cancellationToken);
        var ids = await database.ExecuteAsync(_deleteEventIds, new { Before = Ms(cutoffs.EventIdsBefore), Max = batchSize }, cancellationToken);
        var announcements = await database.ExecuteAsync(
            _deleteAnnouncements,
            new { Before = Ms(cutoffs.AnnouncementsBefore), WindowsEndedBefore = Ms(cutoffs.AnnouncedWindowsEndedBefore), Max = batchSize },
            cancellationToken);
        var escalations = await database.ExecuteAsync(_deleteEscalations, new { Before = Ms(cutoffs.EscalationsBefore), Max = batchSize }, cancellationToken);
        return new PrunedRows(payloads, ids, announcements, escalations);
    }

    public Task<bool> CompactAsync(CancellationToken cancellationToken = default) => database.CompactAsync(cancellationToken);

    private static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();
}
