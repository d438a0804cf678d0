using System.Globalization;
using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Retention;
using UpgradeBot.Slack;
using UpgradeBot.Slack.Installations;

namespace UpgradeBot.Storage;

/// <summary>
/// Everything about a customer, found table by table: <see cref="Tables"/> lists each table that
/// holds rows about customers and how to find one customer's. A new such table is one more line
/// there (and in docs/data.md); export and erase then cover it.
/// </summary>
public sealed class CustomerDataStore(StoreDatabase database) : ICustomerDataStore
{
    private const string Removals = "customer_removals";

    private const string OfCustomer = "platform = @Platform AND tenant_id = @Id";

    private const string OfCustomersEscalations = "reference IN (SELECT reference FROM escalations WHERE platform = @Platform AND tenant_id = @Id)";

    /// <summary>The settings tables key a customer as it is one: a workspace, a tenant, or a Grid organization with an org-wide install.</summary>
    private const string OfCustomerSettings = "platform = @Platform AND customer_id = @Id";

    /// <summary>In erasing order: rows that point at others first.</summary>
    private static readonly CustomerTable[] Tables =
    [
        new("inbound_events", ["platform", "event_id"], OfCustomer),
        new("announcements", ["window_id", "kind", "phase", "revision", "platform", "tenant_id", "channel_id"], OfCustomer),
        new("escalation_attempts", ["reference", "destination", "attempt"], OfCustomersEscalations),
        new("escalation_deliveries", ["reference", "destination"], OfCustomersEscalations),
        new("escalation_state_changes", ["reference", "state"], OfCustomersEscalations),
        new("escalation_updates", ["reference", "event", "destination"], OfCustomersEscalations),
        new("escalations", ["reference"], OfCustomer),
        new("customer_changes", ["platform", "customer_id", "version"], OfCustomerSettings),
        new("customer_installers", ["platform", "customer_id", "user_id"], OfCustomerSettings),
        new("customers", ["platform", "customer_id"], OfCustomerSettings),
        new("subscriptions", ["platform", "tenant_id", "channel_id"], OfCustomer),
        // A workspace's own installation, or an organization's org-wide one; the tokens are never shown.
        new("slack_installations", ["installation_id"], $"@Platform = '{SlackPlatform.Name}' AND installation_id IN (@Workspace, @Organization)", ["bot_token", "refresh_token"]),
    ];

    private static readonly CustomerTable RemovalTable = new(Removals, ["platform", "customer_id"], "platform = @Platform AND customer_id = @Id");

    public Task<CustomerData> ExportAsync(CustomerKey customer, CancellationToken cancellationToken = default) =>
        // Every table read in one snapshot: the export is the customer's data at one moment.
        database.SnapshotAsync(async session =>
        {
            var tables = new List<StoredTable>();
            foreach (var table in Tables.Append(RemovalTable))
            {
                // Dapper reads rows as objects into dictionaries of column name to value.
                var rows = await session.QueryAsync<object>(
                    $"SELECT * FROM {table.Name} WHERE {table.Match} ORDER BY {string.Join(", ", table.Key)};", Parameters(customer, 0));
                tables.Add(new StoredTable(table.Name, [.. rows.Select(row => Readable((IDictionary<string, object?>)row, table.Omitted))], table.Omitted));
            }

            return new CustomerData(customer, tables);
        }, cancellationToken);

    public Task<IReadOnlyDictionary<string, int>> EraseBatchAsync(CustomerKey customer, DateTimeOffset? removedBefore, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        // Under the customer's lock, which ClearRemovedAsync takes too: a customer coming back either
        // clears its removal before this batch (which then deletes nothing) or after it.
        return database.WriteAsync(LockKey(customer), async session =>
        {
            var erased = new Dictionary<string, int>(StringComparer.Ordinal);
            if (removedBefore is { } before && await session.ExecuteScalarAsync<long>(
                    $"SELECT COUNT(*) FROM {Removals} WHERE platform = @Platform AND customer_id = @Id AND removed_at < @Before;",
                    new { customer.Platform, customer.Id, Before = before.ToUnixTimeMilliseconds() }) == 0)
            {
                return (IReadOnlyDictionary<string, int>)erased;
            }

            var left = max;
            foreach (var table in Tables.Append(RemovalTable))
            {
                // Only a batch with room left found every table before this one exhausted.
                if (left == 0)
                {
                    break;
                }

                var deleted = await session.ExecuteAsync(
                    $"""
                    DELETE FROM {table.Name} WHERE ({string.Join(", ", table.Key)}) IN (
                        SELECT {string.Join(", ", table.Key)} FROM {table.Name} WHERE {table.Match} LIMIT @Max);
                    """,
                    Parameters(customer, left));
                if (deleted > 0)
                {
                    erased[table.Name] = deleted;
                    left -= deleted;
                }
            }

            return erased;
        }, cancellationToken);
    }

    public Task MarkRemovedAsync(CustomerKey customer, IReadOnlyCollection<string> memberIds, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync(LockKey(customer), session => session.ExecuteAsync(
            $"""
            INSERT INTO {Removals} (platform, customer_id, organization_id, removed_at) VALUES (@Platform, @Id, @Organization, @At)
            ON CONFLICT (platform, customer_id) DO NOTHING;
            """,
            memberIds.Where(m => m != customer.Id).Distinct(StringComparer.Ordinal)
                .Select(member => new { customer.Platform, Id = member, Organization = (string?)customer.Id, At = at.ToUnixTimeMilliseconds() })
                .Prepend(new { customer.Platform, customer.Id, Organization = (string?)null, At = at.ToUnixTimeMilliseconds() })), cancellationToken);

    public Task ClearRemovedAsync(CustomerKey customer, CancellationToken cancellationToken = default) =>
        database.WriteAsync(LockKey(customer), session => session.ExecuteAsync(
            $"DELETE FROM {Removals} WHERE platform = @Platform AND (customer_id = @Id OR organization_id = @Id);",
            new { customer.Platform, customer.Id }), cancellationToken);

    public async Task<IReadOnlyList<CustomerKey>> ListRemovedAsync(DateTimeOffset before, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var rows = await database.QueryAsync<RemovalRow>(
            $"""
            SELECT platform AS Platform, customer_id AS CustomerId FROM {Removals}
            WHERE removed_at < @Before
            ORDER BY removed_at, platform, customer_id
            LIMIT @Max;
            """,
            new { Before = before.ToUnixTimeMilliseconds(), Max = max },
            cancellationToken);
        return [.. rows.Select(r => new CustomerKey(r.Platform, r.CustomerId))];
    }

    private static string LockKey(CustomerKey customer) => $"customer {customer.Platform}/{customer.Id}";

    /// <summary>What <see cref="CustomerTable.Match"/> and a batch's LIMIT read (Dapper passes only those a statement names).</summary>
    private static object Parameters(CustomerKey customer, int max) => new
    {
        customer.Platform,
        customer.Id,
        Workspace = SlackInstallation.WorkspaceId(customer.Id),
        Organization = SlackInstallation.OrganizationId(customer.Id),
        Max = max,
    };

    /// <summary>The row without its omitted columns; times (columns named <c>at</c>, <c>…_at</c>, <c>…_until</c>: Unix milliseconds) as instants.</summary>
    private static Dictionary<string, object?> Readable(IDictionary<string, object?> row, IReadOnlyList<string> omitted) =>
        row.Where(column => !omitted.Contains(column.Key, StringComparer.Ordinal))
            .ToDictionary(
                column => column.Key,
                column => IsTime(column.Key) && column.Value is long or int
                    ? DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(column.Value, CultureInfo.InvariantCulture))
                    : column.Value,
                StringComparer.Ordinal);

    private static bool IsTime(string column) =>
        column == "at" || column.EndsWith("_at", StringComparison.Ordinal) || column.EndsWith("_until", StringComparison.Ordinal);

    /// <param name="Key">The primary key, by which rows are deleted a batch at a time.</param>
    /// <param name="Match">Finds the customer's rows, with <c>@Platform</c>, <c>@Id</c>, and for Slack installations <c>@Workspace</c> and <c>@Organization</c>.</param>
    /// <param name="Omitted">Columns never shown (secrets).</param>
    private sealed record CustomerTable(string Name, string[] Key, string Match, string[] Omitted)
    {
        public CustomerTable(string name, string[] key, string match)
            : this(name, key, match, [])
        {
        }
    }

    private sealed class RemovalRow
    {
        public required string Platform { get; init; }
        public required string CustomerId { get; init; }
    }
}
