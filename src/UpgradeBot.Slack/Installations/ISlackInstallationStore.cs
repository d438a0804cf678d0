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
    /// Deletes the installation and its tokens when it was installed before <paramref name="installedBefore"/>
    /// (not a newer install) and, when <paramref name="version"/> is given, has not changed since
    /// that version was read (its token not refreshed meanwhile). True when it was deleted.
    /// </summary>
    Task<bool> RemoveAsync(string id, DateTimeOffset installedBefore, long? version, CancellationToken cancellationToken = default);
}
