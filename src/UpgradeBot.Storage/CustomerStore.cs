using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Deployments;

namespace UpgradeBot.Storage;

public sealed class CustomerStore(StoreDatabase database) : ICustomerStore
{
    private const string SelectCustomer = """
        SELECT platform AS Platform, customer_id AS CustomerId, deployment AS Deployment, account_id AS AccountId,
               support_contact AS SupportContact, updated_at AS UpdatedAt, updated_by_user_id AS UpdatedByUserId,
               updated_by_user_name AS UpdatedByUserName
        FROM customers
        """;

    private const string KeyMatch = "platform = @Platform AND customer_id = @Id";

    public async Task<CustomerRecord?> GetAsync(CustomerKey key, CancellationToken cancellationToken = default) =>
        (await database.QuerySingleOrDefaultAsync<CustomerRow>($"{SelectCustomer} WHERE {KeyMatch};", key, cancellationToken))?.ToRecord();

    public Task SaveAsync(CustomerKey key, CustomerChange change, CancellationToken cancellationToken = default) =>
        // The customer's version numbers its changes: under the customer's lock, two saves at once
        // each get a number of their own, and the row ends with the later one.
        database.WriteAsync($"customer {key.Platform}/{key.Id}", async session =>
        {
            var row = new
            {
                key.Platform,
                key.Id,
                Deployment = change.Settings.Deployment.ToString(),
                change.Settings.AccountId,
                change.Settings.SupportContact,
                At = change.At.ToUnixTimeMilliseconds(),
                change.UserId,
                change.UserName,
            };
            var version = await session.ExecuteScalarAsync<long>("""
                INSERT INTO customers (platform, customer_id, deployment, account_id, support_contact, version, updated_at, updated_by_user_id, updated_by_user_name)
                VALUES (@Platform, @Id, @Deployment, @AccountId, @SupportContact, 1, @At, @UserId, @UserName)
                ON CONFLICT (platform, customer_id) DO UPDATE SET
                    deployment = excluded.deployment,
                    account_id = excluded.account_id,
                    support_contact = excluded.support_contact,
                    version = customers.version + 1,
                    updated_at = excluded.updated_at,
                    updated_by_user_id = excluded.updated_by_user_id,
                    updated_by_user_name = excluded.updated_by_user_name
                RETURNING version;
                """,
                row);
            await session.ExecuteAsync("""
                INSERT INTO customer_changes (platform, customer_id, version, changed_at, user_id, user_name, deployment, account_id, support_contact)
                VALUES (@Platform, @Id, @Version, @At, @UserId, @UserName, @Deployment, @AccountId, @SupportContact);
                """,
                new { row.Platform, row.Id, Version = version, row.At, row.UserId, row.UserName, row.Deployment, row.AccountId, row.SupportContact });
        }, cancellationToken);

    public async Task<IReadOnlyList<CustomerRecord>> ListAsync(CancellationToken cancellationToken = default) =>
        [.. (await database.QueryAsync<CustomerRow>($"{SelectCustomer} ORDER BY platform, customer_id;", null, cancellationToken)).Select(r => r.ToRecord())];

    public async Task<IReadOnlyList<CustomerChange>> ListChangesAsync(CustomerKey key, CancellationToken cancellationToken = default) =>
        [.. (await database.QueryAsync<ChangeRow>($"""
            SELECT changed_at AS ChangedAt, user_id AS UserId, user_name AS UserName, deployment AS Deployment,
                   account_id AS AccountId, support_contact AS SupportContact
            FROM customer_changes
            WHERE {KeyMatch}
            ORDER BY version DESC;
            """,
            key,
            cancellationToken)).Select(r => r.ToChange())];

    public async Task<bool> AddInstallerAsync(CustomerKey key, string userId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        await database.ExecuteAsync("""
            INSERT INTO customer_installers (platform, customer_id, user_id, installed_at)
            VALUES (@Platform, @Id, @UserId, @At)
            ON CONFLICT (platform, customer_id, user_id) DO NOTHING;
            """,
            new { key.Platform, key.Id, UserId = userId, At = at.ToUnixTimeMilliseconds() },
            cancellationToken) == 1;

    public async Task<bool> IsInstallerAsync(CustomerKey key, string userId, CancellationToken cancellationToken = default) =>
        await database.ExecuteScalarAsync<long>(
            $"SELECT COUNT(*) FROM customer_installers WHERE {KeyMatch} AND user_id = @UserId;",
            new { key.Platform, key.Id, UserId = userId },
            cancellationToken) > 0;

    private static CustomerSettings Settings(string deployment, string? accountId, string? supportContact) =>
        new(Enum.TryParse<DeploymentType>(deployment, out var type) ? type : DeploymentType.Unknown, accountId, supportContact);

    private sealed class CustomerRow
    {
        public required string Platform { get; init; }
        public required string CustomerId { get; init; }
        public required string Deployment { get; init; }
        public string? AccountId { get; init; }
        public string? SupportContact { get; init; }
        public long UpdatedAt { get; init; }
        public required string UpdatedByUserId { get; init; }
        public required string UpdatedByUserName { get; init; }

        public CustomerRecord ToRecord()
        {
            var settings = Settings(Deployment, AccountId, SupportContact);
            return new CustomerRecord(
                new CustomerKey(Platform, CustomerId),
                settings,
                new CustomerChange(DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAt), UpdatedByUserId, UpdatedByUserName, settings));
        }
    }

    private sealed class ChangeRow
    {
        public long ChangedAt { get; init; }
        public required string UserId { get; init; }
        public required string UserName { get; init; }
        public required string Deployment { get; init; }
        public string? AccountId { get; init; }
        public string? SupportContact { get; init; }

        public CustomerChange ToChange() =>
            new(DateTimeOffset.FromUnixTimeMilliseconds(ChangedAt), UserId, UserName, Settings(Deployment, AccountId, SupportContact));
    }
}
