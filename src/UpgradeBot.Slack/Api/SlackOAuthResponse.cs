namespace UpgradeBot.Slack.Api;

/// <summary>An oauth.v2.access answer, for a code and for a refresh alike (<c>team</c> is null for an org-wide install).</summary>
internal sealed class SlackOAuthResponse : SlackResponse
{
    public string? AccessToken { get; init; }

    public string? TokenType { get; init; }

    public string? Scope { get; init; }

    public string? BotUserId { get; init; }

    public SlackNamed? Team { get; init; }

    public SlackNamed? Enterprise { get; init; }

    public bool IsEnterpriseInstall { get; init; }

    public SlackNamed? AuthedUser { get; init; }

    public string? RefreshToken { get; init; }

    public long? ExpiresIn { get; init; }
}
