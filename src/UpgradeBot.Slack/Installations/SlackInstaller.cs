using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Retention;

namespace UpgradeBot.Slack.Installations;

/// <summary>
/// "Add to Slack", as Bolt's <c>InstallProvider</c>: hands out a single-use <c>state</c> that expires
/// after <see cref="StateLifetime"/> and is bound to the browser by a cookie; on the way back checks
/// both, exchanges the code with oauth.v2.access, asks auth.test for the bot's id and stores the
/// installation. Anything wrong stores nothing.
/// </summary>
public sealed partial class SlackInstaller(
    SlackApiClient api,
    ISlackOAuthStateStore states,
    ISlackInstallationStore installations,
    ICustomerDataStore customers,
    IOptionsMonitor<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackInstaller> logger)
{
    public static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(10);

    /// <summary>A new state for one browser, kept (as a hash) until it expires, and Slack's authorize page address carrying it.</summary>
    public async Task<(string State, string AuthorizeUrl)> BeginAsync(CancellationToken cancellationToken)
    {
        var state = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        await states.IssueAsync(Hash(state), now + StateLifetime, now, cancellationToken).ConfigureAwait(false);
        var settings = options.CurrentValue;
        var url = QueryHelpers.AddQueryString(settings.AuthorizeUrl.AbsoluteUri, new Dictionary<string, string?>
        {
            ["client_id"] = settings.ClientId,
            ["scope"] = string.Join(',', SlackScopes.Bot),
            ["redirect_uri"] = settings.RedirectUri!.AbsoluteUri,
            ["state"] = state,
        });
        return (state, url);
    }

    /// <summary>
    /// The browser came back from Slack's authorize page. <paramref name="browserState"/> is the
    /// state this browser was given (its cookie). Without any state, only an org-wide install
    /// started from an Enterprise Grid admin page is accepted: Slack sends those without one.
    /// </summary>
    public async Task<SlackInstallResult> CompleteAsync(string? error, string? code, string? state, string? browserState, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(state) && !await ConsumeAsync(state, browserState, cancellationToken).ConfigureAwait(false))
        {
            return Failed(SlackInstallFailure.BadState, "this browser did not start that installation, or it expired or was finished already");
        }

        if (!string.IsNullOrEmpty(error))
        {
            // Slack's error codes are short snake_case words; anything else is not logged as given.
            return Failed(SlackInstallFailure.Cancelled, error.Length <= 64 && error.All(c => char.IsAsciiLetterLower(c) || c == '_') ? error : "unrecognized error");
        }

        if (string.IsNullOrEmpty(code))
        {
            return Failed(SlackInstallFailure.Refused, "Slack sent no code");
        }

        var (exchange, grant) = await api.ExchangeCodeAsync(code, options.CurrentValue.RedirectUri!, cancellationToken).ConfigureAwait(false);
        if (grant is null)
        {
            return Failed(exchange.Status == SlackCallStatus.Transient ? SlackInstallFailure.Unreachable : SlackInstallFailure.Refused, $"oauth.v2.access: {exchange.Error}");
        }

        if (string.IsNullOrEmpty(state) && !grant.IsEnterpriseInstall)
        {
            return Failed(SlackInstallFailure.BadState, "no state, and not an org-wide install");
        }

        var (check, identity) = await api.AuthTestAsync(grant.BotToken, cancellationToken).ConfigureAwait(false);
        if (identity is null)
        {
            return Failed(check.Status == SlackCallStatus.Transient ? SlackInstallFailure.Unreachable : SlackInstallFailure.Refused, $"auth.test: {check.Error}");
        }

        var now = time.GetUtcNow();
        var installation = new SlackInstallation(
            grant.EnterpriseId,
            grant.EnterpriseName,
            grant.IsEnterpriseInstall ? null : grant.TeamId,
            grant.IsEnterpriseInstall ? null : grant.TeamName,
            grant.IsEnterpriseInstall,
            grant.BotToken,
            grant.BotUserId,
            identity.BotId ?? string.Empty,
            grant.Scopes,
            grant.InstallerUserId,
            now,
            now,
            grant.RefreshToken,
            grant.RefreshToken is not null && grant.ExpiresIn is { } lifetime ? now + lifetime : null);
        // Back before its data was erased: the removal no longer counts. Forgotten first, so an erasure
        // running now stops before it could reach the new installation.
        var customer = installation.IsEnterpriseInstall ? installation.EnterpriseId! : installation.TeamId!;
        await customers.ClearRemovedAsync(new CustomerKey(SlackPlatform.Name, customer), cancellationToken).ConfigureAwait(false);
        await installations.SaveAsync(installation, cancellationToken).ConfigureAwait(false);
        LogInstalled(installation.Id, installation.DisplayName, installation.InstallerUserId, installation.RefreshToken is not null);
        return new SlackInstallResult(installation);
    }

    /// <summary>The state must be this browser's (compared in constant time) and still issued; using it ends it.</summary>
    private async Task<bool> ConsumeAsync(string state, string? browserState, CancellationToken cancellationToken) =>
        browserState is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(state), Encoding.UTF8.GetBytes(browserState))
        && await states.ConsumeAsync(Hash(state), time.GetUtcNow(), cancellationToken).ConfigureAwait(false);

    private SlackInstallResult Failed(SlackInstallFailure failure, string detail)
    {
        LogRefused(failure, detail);
        return SlackInstallResult.Failed(failure, detail);
    }

    private static string Hash(string state) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(state)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack app installed: {InstallationId} ({Name}) by {InstallerUserId}; token rotation {Rotating}")]
    private partial void LogInstalled(string installationId, string name, string? installerUserId, bool rotating);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Slack installation was not completed ({Failure}): {Detail}")]
    private partial void LogRefused(SlackInstallFailure failure, string detail);
}
