using System.Collections.Concurrent;
using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Retention;
using UpgradeBot.Core.Subscriptions;

namespace UpgradeBot.Slack.Installations;

/// <summary>
/// Which installation serves a workspace, as Bolt's <c>authorize</c>: the stored ones ("Add to
/// Slack") first, then the workspace of <c>Slack:BotToken</c>. Before a post, a rotating token that
/// expires within <see cref="RefreshBefore"/> is refreshed, once per installation across all
/// instances (a lease in the store, and one shared refresh per process). An uninstall, a revoked
/// token, or Slack refusing a token removes the installation, switches off its subscriptions and
/// records the removal, so the rest of the workspace's data goes after <c>Retention:UninstalledWorkspaces</c>.
/// </summary>
public sealed partial class SlackInstallations(
    ISlackInstallationStore store,
    SlackConfiguredInstallation configured,
    SlackApiClient api,
    ISubscriptionStore subscriptions,
    ICustomerDataStore customers,
    TimeProvider time,
    ILogger<SlackInstallations> logger)
{
    /// <summary>How long before expiry a rotating token is refreshed (Bolt's default): scheduled posts find it fresh.</summary>
    public static readonly TimeSpan RefreshBefore = TimeSpan.FromHours(2);

    /// <summary>How long one refresher holds the refresh; a refresher that died is replaced after it.</summary>
    public static readonly TimeSpan RefreshLease = TimeSpan.FromSeconds(30);

    /// <summary>Below this much life left, a token being refreshed elsewhere is not used but waited for.</summary>
    private static readonly TimeSpan LastMinute = TimeSpan.FromMinutes(1);

    /// <summary>Enough workspaces to remember reporting; past it, reports start over rather than grow without end.</summary>
    private const int MaxReported = 10_000;

    private readonly ConcurrentDictionary<string, Lazy<Task<SlackAuthorization>>> _refreshing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _reported = new(StringComparer.Ordinal);

    /// <summary>The installation an inbound request was delivered for: who the bot is there.</summary>
    public async Task<SlackAuthorization> AuthorizeAsync(SlackInstallationQuery query, CancellationToken cancellationToken)
    {
        foreach (var id in query.Candidates())
        {
            if (await store.FindAsync(id, cancellationToken).ConfigureAwait(false) is { } installation)
            {
                return SlackAuthorization.Stored(installation);
            }
        }

        if (!configured.IsSet)
        {
            return SlackAuthorization.NotInstalled;
        }

        return await configured.GetAsync(cancellationToken).ConfigureAwait(false) switch
        {
            null => SlackAuthorization.Unavailable("the workspace of Slack:BotToken is not known yet (auth.test failed)"),
            { } own when SlackConfiguredInstallation.Serves(own, query) => SlackAuthorization.FromConfiguration(own),
            _ => SlackAuthorization.NotInstalled,
        };
    }

    /// <summary>The installation to post with, its token refreshed first when it rotates and expires soon.</summary>
    public async Task<SlackAuthorization> ForSendingAsync(SlackInstallationQuery query, CancellationToken cancellationToken)
    {
        var found = await AuthorizeAsync(query, cancellationToken).ConfigureAwait(false);
        return found is { Configured: false, Installation: { RefreshToken: not null, TokenExpiresAt: { } expires } installation }
               && expires - time.GetUtcNow() < RefreshBefore
            ? await RefreshAsync(installation.Id, cancellationToken).ConfigureAwait(false)
            : found;
    }

    /// <summary>
    /// <c>app_uninstalled</c> or <c>tokens_revoked</c> (either order, either twice): the installation
    /// named is removed unless it was installed after <paramref name="happenedAt"/> (a reinstall that
    /// overtook the event), and its subscriptions are switched off.
    /// </summary>
    public async Task UninstalledAsync(SlackInstallationQuery query, DateTimeOffset happenedAt, CancellationToken cancellationToken)
    {
        // Event times are whole seconds: an install in the same second counts as older.
        var newerThan = happenedAt.AddSeconds(1);
        if (Target(query) is { } id)
        {
            if (await store.FindAsync(id, cancellationToken).ConfigureAwait(false) is { } current && current.InstalledAt >= newerThan)
            {
                LogReinstalledSince(id, happenedAt);
                return;
            }

            await store.RemoveAsync(id, newerThan, cancellationToken).ConfigureAwait(false);
        }

        await SwitchOffAsync(query, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// An organization's app lost some of its workspaces (team_access_revoked): their channels are
    /// switched off. The org-wide installation and the organization's settings stay for the others.
    /// </summary>
    public async Task WorkspacesRevokedAsync(string? enterpriseId, IReadOnlyCollection<string> teams, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var count = 0;
        foreach (var team in teams.Where(t => t is { Length: > 0 }).Distinct(StringComparer.Ordinal))
        {
            count += await subscriptions.DeactivateTenantAsync(SlackPlatform.Name, team, now, cancellationToken).ConfigureAwait(false);
        }

        LogWorkspacesRevoked(enterpriseId, teams.Count, count);
    }

    /// <summary>
    /// Slack answered a post made with <paramref name="used"/> with a revoked token. True when the
    /// installation was removed; false when it changed since it was read (reinstalled, refreshed)
    /// or a refresh is under way, so the post should simply be tried again.
    /// </summary>
    public async Task<bool> RefusedAsync(SlackInstallation used, string? error, CancellationToken cancellationToken)
    {
        if (!await store.RemoveRefusedAsync(used.Id, used.Version, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        LogRemovedAfterRefusal(used.Id, error);
        await SwitchOffAsync(new SlackInstallationQuery(used.EnterpriseId, used.TeamId, used.IsEnterpriseInstall), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>A request from a workspace without an installation: acknowledged and not handled, logged once per workspace.</summary>
    public void NotInstalledHere(SlackInstallationQuery query)
    {
        if (_reported.Count >= MaxReported)
        {
            _reported.Clear();
        }

        if (_reported.TryAdd(query.ToString(), true))
        {
            LogNotInstalled(query.ToString());
        }
    }

    private Task<SlackAuthorization> RefreshAsync(string id, CancellationToken cancellationToken)
    {
        // One refresh per installation in this process; every sender waits for the same one. It runs
        // on no caller's token: a sender giving up must not cancel the others' refresh.
        var refresh = _refreshing.GetOrAdd(id, key => new Lazy<Task<SlackAuthorization>>(() => RefreshOnceAsync(key)));
        return refresh.Value.WaitAsync(cancellationToken);
    }

    private async Task<SlackAuthorization> RefreshOnceAsync(string id)
    {
        try
        {
            var now = time.GetUtcNow();
            var claim = await store.ClaimRefreshAsync(id, now + RefreshBefore, now, RefreshLease, CancellationToken.None).ConfigureAwait(false);
            return claim switch
            {
                { State: SlackRefreshClaimState.Missing } => SlackAuthorization.NotInstalled,
                { State: SlackRefreshClaimState.NotNeeded, Installation: { } fresh } => SlackAuthorization.Stored(fresh),
                { State: SlackRefreshClaimState.Busy, Installation: { TokenExpiresAt: { } expires } current } when expires - now > LastMinute
                    => SlackAuthorization.Stored(current),
                { State: SlackRefreshClaimState.Busy } => SlackAuthorization.Unavailable(
                    "its token is being refreshed by another instance", Shorter(claim.LeaseUntil!.Value - now, TimeSpan.FromSeconds(1)), waiting: true),
                _ => await RefreshClaimedAsync(claim.Installation!).ConfigureAwait(false),
            };
        }
        finally
        {
            _refreshing.TryRemove(id, out _);
        }
    }

    private async Task<SlackAuthorization> RefreshClaimedAsync(SlackInstallation claimed)
    {
        var (result, grant) = await api.RefreshAsync(claimed.RefreshToken!, CancellationToken.None).ConfigureAwait(false);
        if (grant is not null)
        {
            var now = time.GetUtcNow();
            var refreshed = await store.CompleteRefreshAsync(claimed.Id, claimed.Version, grant.BotToken, grant.RefreshToken, now + grant.ExpiresIn, now, CancellationToken.None).ConfigureAwait(false);
            if (refreshed is not null)
            {
                LogRefreshed(claimed.Id, now + grant.ExpiresIn);
                return SlackAuthorization.Stored(refreshed);
            }

            // Reinstalled meanwhile, with fresh tokens of its own: taken as they are, not refreshed
            // again from inside this refresh.
            return await AuthorizeAsync(new SlackInstallationQuery(claimed.EnterpriseId, claimed.TeamId, claimed.IsEnterpriseInstall), CancellationToken.None).ConfigureAwait(false);
        }

        await store.ReleaseRefreshAsync(claimed.Id, claimed.Version, CancellationToken.None).ConfigureAwait(false);
        if (result.Error is "invalid_refresh_token" || result.TokenRevoked)
        {
            // The refresh token is spent or revoked: nothing but a new install brings the workspace back.
            LogRefreshRefused(claimed.Id, result.Error);
            await RefusedAsync(claimed, result.Error, CancellationToken.None).ConfigureAwait(false);
            return SlackAuthorization.NotInstalled;
        }

        if (result.Status == SlackCallStatus.Transient)
        {
            return SlackAuthorization.Unavailable($"Slack could not refresh its token ({result.Error})", result.RetryAfter);
        }

        // bad_client_secret, invalid_client_id: the app's credentials, for an operator to fix.
        LogRefreshFailed(claimed.Id, result.Error);
        return SlackAuthorization.Unavailable($"Slack refused to refresh its token ({result.Error})");
    }

    private static TimeSpan Shorter(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>The one installation an uninstall names: the organization's for an org-wide install, else the workspace's.</summary>
    private static string? Target(SlackInstallationQuery query) => query switch
    {
        { IsOrganization: true } => SlackInstallation.OrganizationId(query.EnterpriseId!),
        { TeamId: { Length: > 0 } team } => SlackInstallation.WorkspaceId(team),
        _ => null,
    };

    /// <summary>
    /// No more announcements in the workspace, or in every workspace of the organization for an
    /// org-wide install; the removal is recorded for the workspace, or for the organization and
    /// each of its workspaces that had announcements.
    /// </summary>
    private async Task SwitchOffAsync(SlackInstallationQuery query, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var count = 0;
        if (query.IsOrganization)
        {
            var conversations = (await subscriptions.ListActiveAsync(cancellationToken).ConfigureAwait(false))
                .Where(s => s.Key.Platform == SlackPlatform.Name && SlackConversation.Parse(s.ConversationReference)?.EnterpriseId == query.EnterpriseId)
                .ToList();
            foreach (var subscription in conversations)
            {
                count += await subscriptions.DeactivateAsync(subscription.Key, now, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }

            var workspaces = conversations.Select(s => s.Key.TenantId).ToList();
            await customers.MarkRemovedAsync(new CustomerKey(SlackPlatform.Name, query.EnterpriseId!), workspaces, now, cancellationToken).ConfigureAwait(false);
        }
        else if (query.TeamId is { Length: > 0 } team)
        {
            count = await subscriptions.DeactivateTenantAsync(SlackPlatform.Name, team, now, cancellationToken).ConfigureAwait(false);
            await customers.MarkRemovedAsync(new CustomerKey(SlackPlatform.Name, team), [], now, cancellationToken).ConfigureAwait(false);
        }

        LogSwitchedOff(query.ToString(), count);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Slack request from {Workspace}, where the app is not installed, was acknowledged and not handled (reported once per workspace)")]
    private partial void LogNotInstalled(string workspace);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored the uninstall of {InstallationId} at {HappenedAt}: the app was installed there again since")]
    private partial void LogReinstalledSince(string installationId, DateTimeOffset happenedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refreshed the Slack token of {InstallationId}; the next one expires at {ExpiresAt}")]
    private partial void LogRefreshed(string installationId, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack refused the refresh token of {InstallationId} ({Error}); the installation is removed until the workspace installs the app again")]
    private partial void LogRefreshRefused(string installationId, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack refused to refresh the token of {InstallationId} ({Error}); check Slack:ClientId and Slack:ClientSecret")]
    private partial void LogRefreshFailed(string installationId, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack refused the token of {InstallationId} ({Error}); the installation is removed until the workspace installs the app again")]
    private partial void LogRemovedAfterRefusal(string installationId, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The app is gone from Slack {Workspace}; its tokens are deleted, {Count} subscriptions switched off, and the rest of its data goes after Retention:UninstalledWorkspaces")]
    private partial void LogSwitchedOff(string workspace, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack organization {EnterpriseId} took the app from {Workspaces} of its workspaces; {Count} subscriptions switched off")]
    private partial void LogWorkspacesRevoked(string? enterpriseId, int workspaces, int count);
}
