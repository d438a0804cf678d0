namespace UpgradeBot.Slack.Api;

/// <summary>The fields of a chat.* or auth.test answer the bot reads (auth.test's <c>team</c> is the workspace's name).</summary>
internal sealed class SlackApiResponse : SlackResponse
{
    public string? Ts { get; init; }

    public string? UserId { get; init; }

    public string? BotId { get; init; }

    public string? TeamId { get; init; }

    public string? Team { get; init; }

    public string? EnterpriseId { get; init; }

    public bool IsEnterpriseInstall { get; init; }
}
