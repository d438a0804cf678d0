using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using UpgradeBot.Slack.Installations;

namespace UpgradeBot.Storage;

/// <summary>
/// Slack installations, their bot and refresh tokens encrypted with Data Protection (the key ring is
/// in the same database, see <see cref="DataProtectionKeyStore"/>), so a copy of the database or a
/// dump of the table shows no token, and every instance sharing the database can read them.
/// </summary>
public sealed class SlackInstallationStore(StoreDatabase database, IDataProtectionProvider protection) : ISlackInstallationStore
{
    /// <summary>The purpose string: tokens protected for it cannot be read through another purpose.</summary>
    public const string Purpose = "UpgradeBot.Slack.Installations.Tokens";

    private const string Columns = """
        installation_id AS InstallationId, enterprise_id AS EnterpriseId, enterprise_name AS EnterpriseName,
        team_id AS TeamId, team_name AS TeamName, is_enterprise_install AS IsEnterpriseInstall,
        bot_token AS BotToken, bot_user_id AS BotUserId, bot_id AS BotId, scopes AS Scopes,
        installer_user_id AS InstallerUserId, installed_at AS InstalledAt, updated_at AS UpdatedAt,
        refresh_token AS RefreshToken, token_expires_at AS TokenExpiresAt, version AS Version,
        refresh_lease_until AS RefreshLeaseUntil
        """;

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    public Task SaveAsync(SlackInstallation installation, CancellationToken cancellationToken = default) =>
        database.ExecuteAsync("""
            INSERT INTO slack_installations (
                installation_id, enterprise_id, enterprise_name, team_id, team_name, is_enterprise_install,
                bot_token, bot_user_id, bot_id, scopes, installer_user_id, installed_at, updated_at,
                refresh_token, token_expires_at, version, refresh_lease_until)
            VALUES (
                @InstallationId, @EnterpriseId, @EnterpriseName, @TeamId, @TeamName, @IsEnterpriseInstall,
                @BotToken, @BotUserId, @BotId, @Scopes, @InstallerUserId, @InstalledAt, @UpdatedAt,
                @RefreshToken, @TokenExpiresAt, 1, NULL)
            ON CONFLICT (installation_id) DO UPDATE SET
                enterprise_id = excluded.enterprise_id,
                enterprise_name = excluded.enterprise_name,
                team_id = excluded.team_id,
                team_name = excluded.team_name,
                is_enterprise_install = excluded.is_enterprise_install,
                bot_token = excluded.bot_token,
                bot_user_id = excluded.bot_user_id,
                bot_id = excluded.bot_id,
                scopes = excluded.scopes,
                installer_user_id = excluded.installer_user_id,
                installed_at = excluded.installed_at,
                updated_at = excluded.updated_at,
                refresh_token = excluded.refresh_token,
                token_expires_at = excluded.token_expires_at,
                version = slack_installations.version + 1,
                refresh_lease_until = NULL;
            """,
            new
            {
                InstallationId = installation.Id,
                installation.EnterpriseId,
                installation.EnterpriseName,
                installation.TeamId,
                installation.TeamName,
                IsEnterpriseInstall = installation.IsEnterpriseInstall ? 1 : 0,
                BotToken = _protector.Protect(installation.BotToken.Value),
                installation.BotUserId,
                installation.BotId,
                installation.Scopes,
                installation.InstallerUserId,
                InstalledAt = installation.InstalledAt.ToUnixTimeMilliseconds(),
                UpdatedAt = installation.UpdatedAt.ToUnixTimeMilliseconds(),
                RefreshToken = installation.RefreshToken is { } refresh ? _protector.Protect(refresh.Value) : null,
                TokenExpiresAt = installation.TokenExpiresAt?.ToUnixTimeMilliseconds(),
            },
            cancellationToken);

    public async Task<SlackInstallation?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        Read(await database.QuerySingleOrDefaultAsync<InstallationRow>(
            $"SELECT {Columns} FROM slack_installations WHERE installation_id = @Id;", new { Id = id }, cancellationToken));

    public Task<SlackRefreshClaim> ClaimRefreshAsync(string id, DateTimeOffset refreshBefore, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default) =>
        // Read and claim are one step under the installation's lock: of two claimers, the second
        // reads the first one's lease.
        database.WriteAsync($"slack installation {id}", async session =>
        {
            var row = await session.QuerySingleOrDefaultAsync<InstallationRow>(
                $"SELECT {Columns} FROM slack_installations WHERE installation_id = @Id;", new { Id = id });
            if (row is null)
            {
                return new SlackRefreshClaim(SlackRefreshClaimState.Missing, null);
            }

            if (row.RefreshToken is null || row.TokenExpiresAt is not { } expires || expires >= refreshBefore.ToUnixTimeMilliseconds())
            {
                return new SlackRefreshClaim(SlackRefreshClaimState.NotNeeded, Read(row));
            }

            if (row.RefreshLeaseUntil is { } until && until > now.ToUnixTimeMilliseconds())
            {
                return new SlackRefreshClaim(SlackRefreshClaimState.Busy, Read(row), DateTimeOffset.FromUnixTimeMilliseconds(until));
            }

            var leaseUntil = now + lease;
            await session.ExecuteAsync(
                "UPDATE slack_installations SET refresh_lease_until = @Until WHERE installation_id = @Id AND version = @Version;",
                new { Id = id, Until = leaseUntil.ToUnixTimeMilliseconds(), row.Version });
            return new SlackRefreshClaim(SlackRefreshClaimState.Claimed, Read(row), leaseUntil);
        }, cancellationToken);

    public Task<SlackInstallation?> CompleteRefreshAsync(
        string id, long claimedVersion, SlackToken botToken, SlackToken refreshToken, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync($"slack installation {id}", async session =>
        {
            var changed = await session.ExecuteAsync("""
                UPDATE slack_installations
                SET bot_token = @BotToken, refresh_token = @RefreshToken, token_expires_at = @ExpiresAt,
                    updated_at = @Now, version = version + 1, refresh_lease_until = NULL
                WHERE installation_id = @Id AND version = @Version;
                """,
                new
                {
                    Id = id,
                    Version = claimedVersion,
                    BotToken = _protector.Protect(botToken.Value),
                    RefreshToken = _protector.Protect(refreshToken.Value),
                    ExpiresAt = expiresAt.ToUnixTimeMilliseconds(),
                    Now = now.ToUnixTimeMilliseconds(),
                });
            return changed == 0
                ? null
                : Read(await session.QuerySingleOrDefaultAsync<InstallationRow>(
                    $"SELECT {Columns} FROM slack_installations WHERE installation_id = @Id;", new { Id = id }));
        }, cancellationToken);

    public Task ReleaseRefreshAsync(string id, long claimedVersion, CancellationToken cancellationToken = default) =>
        database.ExecuteAsync(
            "UPDATE slack_installations SET refresh_lease_until = NULL WHERE installation_id = @Id AND version = @Version;",
            new { Id = id, Version = claimedVersion },
            cancellationToken);

    public async Task<bool> RemoveAsync(string id, DateTimeOffset installedBefore, CancellationToken cancellationToken = default) =>
        await database.ExecuteAsync(
            "DELETE FROM slack_installations WHERE installation_id = @Id AND installed_at < @Before;",
            new { Id = id, Before = installedBefore.ToUnixTimeMilliseconds() },
            cancellationToken) > 0;

    public async Task<bool> RemoveRefusedAsync(string id, long version, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        await database.ExecuteAsync(
            """
            DELETE FROM slack_installations
            WHERE installation_id = @Id AND version = @Version AND (refresh_lease_until IS NULL OR refresh_lease_until <= @Now);
            """,
            new { Id = id, Version = version, Now = now.ToUnixTimeMilliseconds() },
            cancellationToken) > 0;

    private SlackInstallation? Read(InstallationRow? row) => row is null ? null : new SlackInstallation(
        row.EnterpriseId,
        row.EnterpriseName,
        row.TeamId,
        row.TeamName,
        row.IsEnterpriseInstall != 0,
        new SlackToken(Unprotect(row.InstallationId, row.BotToken)),
        row.BotUserId,
        row.BotId,
        row.Scopes,
        row.InstallerUserId,
        DateTimeOffset.FromUnixTimeMilliseconds(row.InstalledAt),
        DateTimeOffset.FromUnixTimeMilliseconds(row.UpdatedAt),
        row.RefreshToken is { } refresh ? new SlackToken(Unprotect(row.InstallationId, refresh)) : null,
        row.TokenExpiresAt is { } expires ? DateTimeOffset.FromUnixTimeMilliseconds(expires) : null,
        row.Version);

    /// <summary>The message names the installation and the cause, never the ciphertext or anything decrypted.</summary>
    private string Unprotect(string installationId, string protectedToken)
    {
        try
        {
            return _protector.Unprotect(protectedToken);
        }
        catch (CryptographicException)
        {
            throw new InvalidOperationException(
                $"The tokens of Slack installation {installationId} cannot be decrypted: the Data Protection key ring in the database " +
                "(table data_protection_keys) no longer holds their key. Install the app in that workspace again.");
        }
    }

    private sealed class InstallationRow
    {
        public required string InstallationId { get; init; }
        public string? EnterpriseId { get; init; }
        public string? EnterpriseName { get; init; }
        public string? TeamId { get; init; }
        public string? TeamName { get; init; }
        public long IsEnterpriseInstall { get; init; }
        public required string BotToken { get; init; }
        public required string BotUserId { get; init; }
        public required string BotId { get; init; }
        public required string Scopes { get; init; }
        public string? InstallerUserId { get; init; }
        public long InstalledAt { get; init; }
        public long UpdatedAt { get; init; }
        public string? RefreshToken { get; init; }
        public long? TokenExpiresAt { get; init; }
        public long Version { get; init; }
        public long? RefreshLeaseUntil { get; init; }
    }
}
