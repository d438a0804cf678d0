namespace UpgradeBot.Slack.Installations;

/// <summary>
/// Where the installations live, shared by every instance of the service. Tokens are kept
/// encrypted; what comes back is readable. A token refresh is claimed with a lease first, so of
/// all the senders of all instances that find a token expiring, one refreshes it.
/// </summary>
public interface ISlackInstallationStore
{
    /// <summary>Stores a new install or a reinstall (which replaces the tokens and ends any refresh under way).</summary>
    Task SaveAsync(SlackInstallation installation, CancellationToken cancellationToken = default);

    /// <summary>Null when nothing is installed under <paramref name="id"/> (<see cref="SlackInstallation.Id"/>).</summary>
    Task<SlackInstallation?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims the refresh of a token that expires before <paramref name="refreshBefore"/>, for
    /// <paramref name="lease"/>: nobody else can claim it meanwhile, unless the claimer neither
    /// completes nor releases it before the lease ends (it died). A token that expires later, or
    /// does not rotate, needs no refresh.
    /// </summary>
    Task<SlackRefreshClaim> ClaimRefreshAsync(string id, DateTimeOffset refreshBefore, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the refreshed tokens of the installation as it was claimed (<paramref name="claimedVersion"/>);
    /// null, storing nothing, when it has changed since (reinstalled, removed).
    /// </summary>
    Task<SlackInstallation?> CompleteRefreshAsync(string id, long claimedVersion, SlackToken botToken, SlackToken refreshToken, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Gives a claimed refresh up (Slack could not be reached), so the next sender may try at once.</summary>
    Task ReleaseRefreshAsync(string id, long claimedVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// The app was uninstalled: deletes the installation and its tokens, unless it was installed at
    /// or after <paramref name="installedBefore"/> (a reinstall that overtook the news). True when it was deleted.
    /// </summary>
    Task<bool> RemoveAsync(string id, DateTimeOffset installedBefore, CancellationToken cancellationToken = default);

    /// <summary>
    /// Slack refused the token of <paramref name="version"/>: deletes the installation and its tokens
    /// if it is still at that version and no refresh is under way at <paramref name="now"/> (a new
    /// token may be on its way). True when it was deleted.
    /// </summary>
    Task<bool> RemoveRefusedAsync(string id, long version, DateTimeOffset now, CancellationToken cancellationToken = default);
}
