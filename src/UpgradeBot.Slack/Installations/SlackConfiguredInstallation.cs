namespace UpgradeBot.Slack.Installations;

/// <summary>
/// The workspace of <c>Slack:BotToken</c> as an installation that is never stored: its bot user,
/// bot and team are learned from auth.test once, and again on demand while unknown.
/// </summary>
public sealed partial class SlackConfiguredInstallation(SlackApiClient api, IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackConfiguredInstallation> logger)
{
    private volatile SlackInstallation? _known;

    public bool IsSet => !string.IsNullOrWhiteSpace(options.Value.BotToken);

    /// <summary>Null when no token is set or auth.test has not succeeded (the failure is logged, naming the key).</summary>
    public async Task<SlackInstallation?> GetAsync(CancellationToken cancellationToken)
    {
        if (_known is { } known || !IsSet)
        {
            return _known;
        }

        var token = new SlackToken(options.Value.BotToken);
        var (result, identity) = await api.AuthTestAsync(token, cancellationToken).ConfigureAwait(false);
        if (identity is null)
        {
            if (result.Status == SlackCallStatus.AuthFailed)
            {
                LogRefused(result.Error);
            }
            else
            {
                LogUnknown(result.Error);
            }

            return null;
        }

        var now = time.GetUtcNow();
        _known = new SlackInstallation(
            identity.EnterpriseId, null, identity.TeamId, identity.TeamName, identity.IsEnterpriseInstall,
            token, identity.UserId, identity.BotId ?? string.Empty, Scopes: string.Empty, InstallerUserId: null, now, now);
        LogIdentity(identity.UserId, identity.TeamId ?? identity.EnterpriseId);
        return _known;
    }

    /// <summary>
    /// Whether the configured token posts for <paramref name="query"/>: its own workspace (or, for an
    /// org-wide token, its organization), and a post that names no workspace (the Customer Champions
    /// channel of <c>Escalation:Slack:ChannelId</c> without a team).
    /// </summary>
    public static bool Serves(SlackInstallation configured, SlackInstallationQuery query) =>
        (query.TeamId is null && query.EnterpriseId is null)
        || (configured.IsEnterpriseInstall
            ? query.EnterpriseId == configured.EnterpriseId
            : query.TeamId == configured.TeamId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack:BotToken is bot user {BotUserId} in workspace {TeamId}")]
    private partial void LogIdentity(string botUserId, string? teamId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack refused Slack:BotToken on auth.test ({Error}): the token is wrong or revoked; set Slack:BotToken to the app's Bot User OAuth Token (xoxb-…)")]
    private partial void LogRefused(string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack auth.test for Slack:BotToken failed ({Error}); its workspace stays unknown until it succeeds")]
    private partial void LogUnknown(string? error);
}
