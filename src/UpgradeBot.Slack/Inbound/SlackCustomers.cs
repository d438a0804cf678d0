using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Customers;

namespace UpgradeBot.Slack.Inbound;

/// <summary>
/// Slack's side of a customer's settings: which customer a workspace is (itself, or the Enterprise
/// Grid organization of an org-wide installation) and who may change its settings: whoever
/// installed the app, and the admins and owners of the workspace or organization as users.info says.
/// </summary>
internal sealed partial class SlackCustomers(SlackApiClient api, ILogger<SlackCustomers> logger)
{
    /// <summary>Someone in <paramref name="teamId"/>, served by <paramref name="installation"/>: an org-wide one makes the organization the customer.</summary>
    public static Asker Asker(SlackInstallation installation, string teamId, string userId, string userName, string conversationId) =>
        new(SlackPlatform.Name, teamId, userId, userName, conversationId, installation.IsEnterpriseInstall ? installation.EnterpriseId : null);

    public static CustomerKey Customer(SlackInstallation installation, string teamId) =>
        new(SlackPlatform.Name, installation.IsEnterpriseInstall ? installation.EnterpriseId! : teamId);

    public static string WhoMayChange(SlackInstallation installation) => installation.IsEnterpriseInstall
        ? "Organization admins and owners, and whoever installed UpgradeBot, can change these settings."
        : "Workspace admins and owners, and whoever installed UpgradeBot, can change these settings.";

    /// <summary>The token and, for an org-wide one, the workspace the call acts in.</summary>
    public static SlackCredentials Credentials(SlackInstallation installation, string teamId) =>
        new(installation.BotToken, installation.IsEnterpriseInstall ? teamId : null);

    public CustomerAccess Access(SlackInstallation installation, string teamId, string userId) =>
        new(WhoMayChange(installation), cancellationToken => RoleAsync(installation, teamId, userId, cancellationToken));

    private async Task<CustomerRole> RoleAsync(SlackInstallation installation, string teamId, string userId, CancellationToken cancellationToken)
    {
        if (string.Equals(userId, installation.InstallerUserId, StringComparison.Ordinal))
        {
            return new CustomerRole(IsAdmin: false, IsInstaller: true);
        }

        var (result, user) = await api.UsersInfoAsync(Credentials(installation, teamId), userId, cancellationToken).ConfigureAwait(false);
        if (user is not null)
        {
            return new CustomerRole(user.IsAdministrator);
        }

        if (result.Status == SlackCallStatus.Transient)
        {
            return CustomerRole.Unknown;
        }

        // missing_scope: installed before the app asked for users:read; until it is installed again
        // only its installer is known to be allowed.
        LogUsersInfoRefused(installation.Id, result.Error);
        return CustomerRole.Member;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack refused users.info for {InstallationId} ({Error}); only its installer may change the customer's settings until it is installed again with users:read")]
    private partial void LogUsersInfoRefused(string installationId, string? error);
}
