using UpgradeBot.Core.Conversations;

namespace UpgradeBot.Slack.Inbound;

/// <summary>
/// Publishes a person's App Home (views.publish) from Core's overview of their organization: when
/// they open the Home tab, and after they saved settings. The result goes back to the inbound queue,
/// which tries again after a passing failure.
/// </summary>
internal sealed partial class SlackHome(BotConversation conversation, SlackApiClient api, SlackInstallations installations, SlackCustomers customers, ILogger<SlackHome> logger)
{
    public async Task<SendResult> PublishAsync(SlackInstallation installation, string teamId, string userId, string? appId, CancellationToken cancellationToken)
    {
        var asker = SlackCustomers.Asker(installation, teamId, userId, userId, userId);
        var overview = await conversation.OverviewAsync(asker, customers.Access(installation, teamId, userId), cancellationToken).ConfigureAwait(false);
        var result = await api.PublishViewAsync(SlackCustomers.Credentials(installation, teamId), userId, SlackViews.Home(overview, AskUrl(appId, teamId)), cancellationToken)
            .ConfigureAwait(false);
        switch (result.Status)
        {
            case SlackCallStatus.Ok:
                return SendResult.Sent();
            case SlackCallStatus.Transient:
                return SendResult.RetryLater(result.Error ?? "unavailable", result.RetryAfter);
            default:
                LogNotPublished(userId, teamId, result.Error);
                return SendResult.Permanent(result.Error ?? "refused");
        }
    }

    /// <summary>Settings were saved in the modal: the Home tab it may have been opened from shows them.</summary>
    public async Task<SendResult> RefreshAsync(InteractionPayload payload, CancellationToken cancellationToken)
    {
        if (payload is not { User.Id: { } user, TeamId: { } team })
        {
            return SendResult.Sent();
        }

        var authorization = await installations.AuthorizeAsync(payload.Installation, cancellationToken).ConfigureAwait(false);
        return authorization switch
        {
            { Status: SlackAuthorizationStatus.Installed, Installation: { } installation } => await PublishAsync(installation, team, user, payload.ApiAppId, cancellationToken).ConfigureAwait(false),
            { Status: SlackAuthorizationStatus.NotInstalled } => SendResult.Sent(),
            _ => SendResult.RetryLater(authorization.Reason ?? "unavailable", authorization.RetryAfter),
        };
    }

    /// <summary>Slack's link to the app's messages in the workspace: where a question is asked.</summary>
    private static Uri? AskUrl(string? appId, string teamId) =>
        appId is { Length: > 0 and <= 32 } && appId.All(char.IsAsciiLetterOrDigit) && teamId.All(char.IsAsciiLetterOrDigit)
            ? new Uri($"https://slack.com/app_redirect?app={appId}&team={teamId}")
            : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack did not publish the Home tab of {UserId} in {TeamId} ({Error})")]
    private partial void LogNotPublished(string userId, string teamId, string? error);
}
