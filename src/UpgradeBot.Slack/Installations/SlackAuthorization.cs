namespace UpgradeBot.Slack.Installations;

/// <summary>
/// The installation a request or a post is made for, as Bolt's <c>authorize</c> answers it.
/// <see cref="Configured"/> marks the workspace of <c>Slack:BotToken</c>, which an operator fixes
/// rather than a customer reinstalling. <see cref="Waiting"/> marks an unavailability that is no
/// failure (another instance is refreshing the token): waiting it out costs no attempt.
/// </summary>
public sealed record SlackAuthorization(
    SlackAuthorizationStatus Status,
    SlackInstallation? Installation = null,
    bool Configured = false,
    string? Reason = null,
    TimeSpan? RetryAfter = null,
    bool Waiting = false)
{
    public static SlackAuthorization NotInstalled { get; } = new(SlackAuthorizationStatus.NotInstalled);

    public static SlackAuthorization Stored(SlackInstallation installation) => new(SlackAuthorizationStatus.Installed, installation);

    public static SlackAuthorization FromConfiguration(SlackInstallation installation) => new(SlackAuthorizationStatus.Installed, installation, Configured: true);

    public static SlackAuthorization Unavailable(string reason, TimeSpan? retryAfter = null, bool waiting = false) =>
        new(SlackAuthorizationStatus.Unavailable, Reason: reason, RetryAfter: retryAfter, Waiting: waiting);
}
